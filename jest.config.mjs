// Jest for the TypeScript components, as native ES modules (run through scripts/test-jest.ts, which passes
// --experimental-vm-modules). SWC strips the types; `tsc` (npm run lint) checks them.
/** @type {import('jest').Config} */
export default {
  testEnvironment: "<rootDir>/test/jest-environment.mjs",
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        // Nest's dependency injection reads constructor parameter types from decorator metadata.
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2023",
        },
        module: { type: "es6" },
      },
    ],
  },
  // Sources import each other with .js extensions (Node ESM style); map them back to the .ts files.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 60_000,
};
