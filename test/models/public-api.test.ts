import { expect, it } from "@jest/globals";
import * as models from "../../models/src/index.js";

// Any change to the library's public API shows here, in review.
it("exports exactly the public API", () => {
  expect(Object.keys(models).sort()).toEqual([
    "DEFAULT_HUB_URL",
    "DTYPE_SUFFIXES",
    "GenerationOptionsError",
    "MANIFEST_FILE",
    "MANIFEST_FORMAT",
    "ModelConfigError",
    "ModelError",
    "ModelPullError",
    "ModelUnloadedError",
    "ModelVerificationError",
    "buildManifest",
    "canonicalManifestBytes",
    "hashFile",
    "loadModel",
    "manifestHash",
    "parseManifest",
    "pullModel",
    "verifyModelDirectory",
    "writeManifest",
  ]);
});
