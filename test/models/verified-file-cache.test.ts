import { describe, expect, it } from "@jest/globals";
import { VerifiedFileCache } from "../../models/src/runtime/verified-file-cache.js";

describe("VerifiedFileCache", () => {
  const bytes = new Uint8Array([1, 2, 3]);

  it("serves registered bytes by local path and by the download key transformers.js uses", async () => {
    const cache = new VerifiedFileCache();
    cache.register("/srv/models/chat/1.0.0", new Map([["onnx/model.onnx", bytes]]));
    for (const key of [
      "/srv/models/chat/1.0.0/onnx/model.onnx",
      "https://huggingface.co/srv/models/chat/1.0.0/resolve/main/onnx/model.onnx",
      { url: "https://huggingface.co//srv/models/chat/1.0.0/resolve/main/onnx%2Fmodel.onnx" },
    ]) {
      const response = await cache.match(key);
      expect(response?.status).toBe(200);
      expect(new Uint8Array(await (response as Response).arrayBuffer())).toEqual(bytes);
    }
  });

  it("knows nothing of other files, and forgets a model once unregistered", async () => {
    const cache = new VerifiedFileCache();
    const unregister = cache.register("/srv/m", new Map([["config.json", bytes]]));
    expect(await cache.match("/srv/m/tokenizer.json")).toBeUndefined();
    expect(await cache.match("relative/config.json")).toBeUndefined();
    expect(await cache.match("https://example.org/srv/m/config.json")).toBeUndefined();
    unregister();
    expect(await cache.match("/srv/m/config.json")).toBeUndefined();
  });
});
