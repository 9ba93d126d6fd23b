#!/usr/bin/python3
"""Make serspark's tiny test encoders and their reference outputs (run with Debian's /usr/bin/python3, python3-torch).

Two TorchScript models that follow serspark's embedding contract (docs/embeddings.md) and look like a miniature
wav2vec2 / WavLM: a convolutional feature encoder over raw 16 kHz audio with total stride 320 (kernels/strides
(10,5) (8,4) (4,4) (4,4), receptive field 345 samples), a feature projection, a convolutional positional
embedding and three post-LN transformer layers; forward returns the stacked hidden states of every layer
[layers=4, batch, frames, dim=32].

  tiny-ssl-lengths.pt    forward(wav float32 [B,S], lengths int64 [B]) -> (hidden [4,B,F,32], frame_lengths int64 [B])
                         LayerNorm in the conv stack (wav2vec2 "layer" mode) and masked attention: the valid frames
                         of an utterance do not depend on the zero padding added by batching.
  tiny-ssl-groupnorm.pt  forward(wav float32 [B,S]) -> hidden [4,B,F,32]
                         GroupNorm after the first conv (wav2vec2-base / WavLM-base "group" mode): statistics over
                         the whole time axis, so zero padding changes every frame; only equal-length batches are
                         faithful.

  tiny-ssl-wrong-shape.pt  like tiny-ssl-lengths but returns only the last layer [B,F,D]: a contract violation the
                         driver's probe must reject before any distributed work.

Weights come from a fixed seed; the reference files let the Java side check it runs the same network:
  <model>.ref-input.f32    padded waveforms, float32 little-endian, [B,S] row-major
  <model>.ref-output.f32   hidden states of that batch, float32 LE, [L,B,F,D]
  <model>.ref.txt          shapes, lengths, frame lengths, sha256 of the .pt, and per-utterance mean/std pooled
                           embeddings of the last layer computed one utterance at a time (no padding)

Usage: /usr/bin/python3 scripts/make_tiny_encoder.py [out_dir]   (default udfs/src/test/resources/models)
"""
import hashlib
import json
import math
import os
import sys

import torch
from torch import Tensor, nn

SAMPLE_RATE = 16000
CONV = [(16, 10, 5), (16, 8, 4), (16, 4, 4), (16, 4, 4)]  # (channels, kernel, stride): total stride 320
DIM = 32
HEADS = 4
FFN = 64
LAYERS = 3


class ChannelLayerNorm(nn.Module):
    """LayerNorm over channels of each frame (per-frame: padding-invariant)."""

    def __init__(self, c: int):
        super().__init__()
        self.norm = nn.LayerNorm(c)

    def forward(self, x: Tensor) -> Tensor:  # [B,C,T]
        return self.norm(x.transpose(1, 2)).transpose(1, 2)


class SelfAttentionLayer(nn.Module):
    """Post-LN transformer layer with explicit ops (no fused fast path, so libtorch 1.13 and 2.7 agree)."""

    def __init__(self):
        super().__init__()
        self.heads = HEADS
        self.qkv = nn.Linear(DIM, 3 * DIM)
        self.out = nn.Linear(DIM, DIM)
        self.norm1 = nn.LayerNorm(DIM)
        self.ff1 = nn.Linear(DIM, FFN)
        self.ff2 = nn.Linear(FFN, DIM)
        self.norm2 = nn.LayerNorm(DIM)

    def forward(self, x: Tensor, key_valid: Tensor) -> Tensor:  # x [B,F,D], key_valid bool [B,F]
        b, f, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q.reshape(b, f, self.heads, hd).transpose(1, 2)
        k = k.reshape(b, f, self.heads, hd).transpose(1, 2)
        v = v.reshape(b, f, self.heads, hd).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd)
        scores = scores.masked_fill(~key_valid[:, None, None, :], -1e9)
        att = torch.softmax(scores, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, f, d)
        x = self.norm1(x + self.out(y))
        return self.norm2(x + self.ff2(torch.nn.functional.gelu(self.ff1(x))))


class TinySsl(nn.Module):
    def __init__(self, group_norm: bool):
        super().__init__()
        self.kernels = [k for _, k, _ in CONV]
        self.strides = [s for _, _, s in CONV]
        convs = []
        norms = []
        c_in = 1
        for i, (c, k, s) in enumerate(CONV):
            convs.append(nn.Conv1d(c_in, c, k, stride=s, bias=False))
            if group_norm:
                norms.append(nn.GroupNorm(c, c, affine=True) if i == 0 else nn.Identity())
            else:
                norms.append(ChannelLayerNorm(c))
            c_in = c
        self.convs = nn.ModuleList(convs)
        self.norms = nn.ModuleList(norms)
        self.proj_norm = nn.LayerNorm(c_in)
        self.proj = nn.Linear(c_in, DIM)
        self.pos_conv = nn.Conv1d(DIM, DIM, 8, padding=4, groups=4)
        self.enc_norm = nn.LayerNorm(DIM)
        self.layers = nn.ModuleList([SelfAttentionLayer() for _ in range(LAYERS)])

    def frame_lengths(self, lengths: Tensor) -> Tensor:
        n = lengths
        for i in range(len(self.kernels)):
            n = torch.div(n - self.kernels[i], self.strides[i], rounding_mode="floor") + 1
        return n

    def encode(self, wav: Tensor, lengths: Tensor) -> Tensor:
        x = wav.unsqueeze(1)
        for conv, norm in zip(self.convs, self.norms):
            x = torch.nn.functional.gelu(norm(conv(x)))
        x = self.proj(self.proj_norm(x.transpose(1, 2)))  # [B,F,D]
        frames = self.frame_lengths(lengths)
        valid = torch.arange(x.shape[1], device=x.device)[None, :] < frames[:, None]
        # as wav2vec2: padded frames are zeroed before the positional conv, so they look like its own zero padding
        x = x * valid.unsqueeze(-1).to(x.dtype)
        pos = self.pos_conv(x.transpose(1, 2))[:, :, :-1]
        x = self.enc_norm(x + torch.nn.functional.gelu(pos).transpose(1, 2))
        states = [x]
        for layer in self.layers:
            x = layer(x, valid)
            states.append(x)
        return torch.stack(states)


class TinySslLengths(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = TinySsl(group_norm=False)

    def forward(self, wav: Tensor, lengths: Tensor):
        return self.net.encode(wav, lengths), self.net.frame_lengths(lengths)


class TinySslGroupNorm(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = TinySsl(group_norm=True)

    def forward(self, wav: Tensor) -> Tensor:
        lengths = torch.full([wav.shape[0]], wav.shape[1], dtype=torch.long)
        return self.net.encode(wav, lengths)


def receptive_field() -> int:
    """Samples one output frame sees: the shortest input that still yields one frame."""
    field, jump = 1, 1
    for _, k, s in CONV:
        field += (k - 1) * jump
        jump *= s
    return field


class TinySslLastLayerOnly(nn.Module):
    """A common export mistake: returns only the last hidden state [B,F,D]. serspark must reject it up front."""

    def __init__(self):
        super().__init__()
        self.net = TinySsl(group_norm=False)

    def forward(self, wav: Tensor, lengths: Tensor):
        return self.net.encode(wav, lengths)[-1], self.net.frame_lengths(lengths)


def test_waveform(n: int, seed: int) -> Tensor:
    """Deterministic speech-like test signal: two harmonics with vibrato plus noise, amplitude about 0.3."""
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(n, dtype=torch.float64) / SAMPLE_RATE
    f0 = 120.0 + 30.0 * seed + 8.0 * torch.sin(2 * math.pi * 3.0 * t)
    phase = 2 * math.pi * torch.cumsum(f0, 0) / SAMPLE_RATE
    x = 0.2 * torch.sin(phase) + 0.08 * torch.sin(2 * phase + 0.3) + 0.02 * torch.randn(n, generator=g, dtype=torch.float64)
    # quantise to int16 like the utterances table, so Java can feed exactly the same numbers
    return (torch.round(x * 32767.0) / 32768.0).to(torch.float32)


def write_f32(path: str, t: Tensor):
    t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tofile(path)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "udfs", "src", "test", "resources", "models")
    os.makedirs(out_dir, exist_ok=True)
    lengths = [16000, 11234, 4000, 23456]
    wavs = [test_waveform(n, i) for i, n in enumerate(lengths)]
    for name, cls, input_kind in [("tiny-ssl-lengths", TinySslLengths, "lengths"),
                                  ("tiny-ssl-groupnorm", TinySslGroupNorm, "waveform"),
                                  ("tiny-ssl-wrong-shape", TinySslLastLayerOnly, "lengths")]:
        torch.manual_seed(20240611)
        model = cls().eval()
        scripted = torch.jit.script(model)
        meta = {
            "contract": "serspark-embed/1",
            "input": input_kind,
            "sample_rate_hz": SAMPLE_RATE,
            "hidden_states": LAYERS + 1,
            "dim": DIM,
            "frame_stride_samples": 320,
            "min_samples": receptive_field(),
            "outputs": ["hidden_states", "frame_lengths"] if input_kind == "lengths" else ["hidden_states"],
            "source": "scripts/make_tiny_encoder.py " + name,
        }
        pt = os.path.join(out_dir, name + ".pt")
        torch.jit.save(scripted, pt, _extra_files={"serspark.json": json.dumps(meta, sort_keys=True)})
        sha = hashlib.sha256(open(pt, "rb").read()).hexdigest()
        loaded = torch.jit.load(pt)

        if cls is TinySslLastLayerOnly:  # no references: it exists to be rejected
            print("%s: %d bytes (violates the contract on purpose)" % (pt, os.path.getsize(pt)))
            continue
        if input_kind == "lengths":
            batch_lengths = lengths
            s = max(batch_lengths)
            batch = torch.zeros(len(wavs), s)
            for i, w in enumerate(wavs):
                batch[i, : w.shape[0]] = w
            with torch.no_grad():
                hidden, frames = loaded(batch, torch.tensor(batch_lengths, dtype=torch.long))
        else:
            # mask-less: the reference batch is of equal-length inputs (the first 11234 samples of each)
            s = 11234
            batch_lengths = [s] * len(wavs)
            batch = torch.stack([w[:s] if w.shape[0] >= s else torch.nn.functional.pad(w, (0, s - w.shape[0]))
                                 for w in wavs])
            with torch.no_grad():
                hidden = loaded(batch)
            frames = torch.full([len(wavs)], hidden.shape[2], dtype=torch.long)
        write_f32(os.path.join(out_dir, name + ".ref-input.f32"), batch)
        write_f32(os.path.join(out_dir, name + ".ref-output.f32"), hidden)

        # pooled references, one utterance at a time (the unpadded truth the batched Java path must reproduce)
        pooled = []
        singles = wavs if input_kind == "lengths" else list(batch)  # mask-less: the equal-length rows
        for i, w in enumerate(singles):
            with torch.no_grad():
                if input_kind == "lengths":
                    h, fr = loaded(w[None, :], torch.tensor([w.shape[0]], dtype=torch.long))
                    h = h[:, 0, : int(fr[0])]
                else:
                    h = loaded(w[None, :])[:, 0]
            last = h[-1].to(torch.float64)
            mean = last.mean(0)
            std = last.var(0, unbiased=False).sqrt()
            pooled.append((mean, std))
        with open(os.path.join(out_dir, name + ".ref.txt"), "w") as f:
            f.write("# written by scripts/make_tiny_encoder.py (torch %s); float32 LE files, row-major\n" % torch.__version__)
            f.write("sha256=%s\n" % sha)
            f.write("input_shape=%d,%d\n" % tuple(batch.shape))
            f.write("input_lengths=%s\n" % ",".join(str(n) for n in batch_lengths))
            f.write("output_shape=%s\n" % ",".join(str(d) for d in hidden.shape))
            f.write("frame_lengths=%s\n" % ",".join(str(int(n)) for n in frames))
            f.write("pooled_lengths=%s\n" % ",".join(str(w.shape[0]) for w in singles))
            for i, (mean, std) in enumerate(pooled):
                f.write("last_layer_mean_%d=%s\n" % (i, ",".join("%.9g" % v for v in mean.tolist())))
                f.write("last_layer_std_%d=%s\n" % (i, ",".join("%.9g" % v for v in std.tolist())))
        with open(pt + ".sha256", "w") as f:
            f.write("%s  %s\n" % (sha, name + ".pt"))
        print("%s: %d bytes sha256=%s output %s frames %s" % (pt, os.path.getsize(pt), sha, tuple(hidden.shape),
                                                             [int(n) for n in frames]))


if __name__ == "__main__":
    main()
