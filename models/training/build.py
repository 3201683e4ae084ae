#!/usr/bin/env python3
"""Rebuilds Commons Chat end to end with fixed seeds:
corpus -> tokenizer -> train 1.0.0 and 1.1.0 (in parallel, one thread each) -> ONNX export -> manifest.json
(the models CLI's `hash`) -> parity checks (onnxruntime-node, transformers.js) -> evaluation and docs/MODELS.md.
The Node.js steps are skipped with a warning if npx is unavailable.

Usage (from the repository root): /usr/bin/python3 models/training/build.py
Needs Debian's python3-torch and python3-onnx; the checks need Node.js 24 (run through `npx -y -p node@24`) and the
repository's node_modules (@huggingface/transformers, onnxruntime-node).
"""

import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PY = sys.executable
VERSIONS = ["1.0.0", "1.1.0"]


def run(*cmd, cwd=HERE):
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=cwd, check=True)


def node(*args, cwd=HERE):
    npx = shutil.which("npx")
    if not npx:
        print(f"warning: npx not found, skipping {' '.join(args)}")
        return
    run(npx, "-y", "-p", "node@24", "--", *args, cwd=cwd)


def main():
    t0 = time.time()
    run(PY, "make_corpus.py")
    run(PY, "tokenizer.py")
    os.makedirs(os.path.join(HERE, ".cache"), exist_ok=True)
    procs = []
    for v in VERSIONS:
        log = open(os.path.join(HERE, ".cache", f"train-{v}.log"), "w")
        print(f"$ {PY} train.py {v}  (log: .cache/train-{v}.log)", flush=True)
        procs.append((v, subprocess.Popen([PY, "train.py", v], cwd=HERE, stdout=log, stderr=subprocess.STDOUT)))
    for v, p in procs:
        if p.wait() != 0:
            sys.exit(f"training {v} failed, see .cache/train-{v}.log")
    for v in VERSIONS:
        run(PY, "export.py", v)
        # the weightsHash: the models CLI writes manifest.json (docs/MODEL-MANIFEST.md); write_docs.py reads it
        node("npx", "tsx", "models/src/cli/models-cli.ts", "hash", f"models/commons-chat/{v}", cwd=ROOT)
    node("node", "check-onnx.mjs")
    node("node", "check-transformersjs.mjs")
    run(PY, "evaluate.py", *VERSIONS)
    # the repository lints its JS with Biome (`npm test`); the generated JSON folders are excluded in biome.json
    biome = os.path.join(HERE, "..", "..", "node_modules", ".bin", "biome")
    if os.path.exists(biome):
        run(biome, "check", "check-onnx.mjs", "check-transformersjs.mjs")
    print(f"build done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
