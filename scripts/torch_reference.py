#!/usr/bin/python3
"""PyTorch's own hidden states of a serspark embedding model, one utterance at a time: the reference that the Java
side (DJL's libtorch inside the embedder) must reproduce (UpstreamFidelityTest, docs/embeddings.md).

  /usr/bin/python3 scripts/torch_reference.py --model M.pt --out-dir D a.wav b.wav ...

Loads M.pt with torch.jit.load (Debian's python3-torch, eager execution of the TorchScript graph), feeds each
16 kHz mono 16-bit WAV as PCM16 / 32768 with no padding (`lengths` models get its length) and writes
D/<i>.f32: the hidden states [hidden_states, frames, dim], float32 little-endian, row-major, and D/reference.txt:
one line `<i> <samples> <frames> <path>` per input.
"""
import argparse
import json
import os
import sys
import wave
import zipfile


def read_pcm16(path: str):
    import numpy as np

    with wave.open(path, "rb") as w:
        if w.getframerate() != 16000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            sys.exit("%s is not 16 kHz mono 16-bit PCM" % path)
        data = w.readframes(w.getnframes())
    return np.frombuffer(data, dtype="<i2").astype("float32") / 32768.0


def contract(model: str) -> dict:
    with zipfile.ZipFile(model) as z:
        name = next(n for n in z.namelist() if n.endswith("/extra/serspark.json"))
        return json.loads(z.read(name))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--out-dir", required=True)
    p.add_argument("wavs", nargs="+")
    a = p.parse_args()
    import torch

    # torch 1.13's profiling executor can fail on a second input length (STACK.md)
    torch._C._set_graph_executor_optimize(False)
    torch.set_num_threads(1)
    meta = contract(a.model)
    model = torch.jit.load(a.model).eval()
    os.makedirs(a.out_dir, exist_ok=True)
    lines = []
    with torch.no_grad():
        for i, path in enumerate(a.wavs):
            wav = torch.from_numpy(read_pcm16(path))[None, :]
            if meta["input"] == "lengths":
                hidden, frames = model(wav, torch.tensor([wav.shape[1]], dtype=torch.long))
                hidden = hidden[:, 0, : int(frames[0])]
            elif meta["input"] == "waveform":
                hidden = model(wav)[:, 0]
            else:
                sys.exit("input %s is not supported here" % meta["input"])
            hidden.contiguous().numpy().astype("<f4").tofile(os.path.join(a.out_dir, "%d.f32" % i))
            lines.append("%d %d %d %s" % (i, wav.shape[1], hidden.shape[1], path))
    with open(os.path.join(a.out_dir, "reference.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d references to %s (torch %s)" % (len(lines), a.out_dir, torch.__version__))


if __name__ == "__main__":
    main()
