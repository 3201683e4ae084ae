// Jest's Node environment, with the host's typed arrays. Jest runs each test file in its own VM context, whose
// Float32Array is not the Float32Array that onnxruntime-node's native code checks against, so inference fails with
// "A float32 tensor's data must be type of function Float32Array()". Sharing the host's constructors fixes that.
import { TestEnvironment } from "jest-environment-node";

const SHARED = [
  "ArrayBuffer",
  "SharedArrayBuffer",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
];

export default class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}
