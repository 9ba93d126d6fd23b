#!/usr/bin/python3
"""Export a real wav2vec2 / HuBERT architecture as a serspark embedding model (docs/embeddings.md, "Real upstreams").

Run with Debian's /usr/bin/python3 (python3-torch 1.13.1, python3-torchaudio 0.13.1); nothing is downloaded.

  /usr/bin/python3 scripts/export_upstream.py --arch wav2vec2_base --random-init --seed 0 --out target/models/w2v2b.pt
  /usr/bin/python3 scripts/export_upstream.py --arch hubert_large --checkpoint hubert_large.pth --out target/models/hl.pt
  /usr/bin/python3 scripts/export_upstream.py --arch wav2vec2_large_lv60k --random-init --seed 0 --layers-kept 2 \\
      --out target/models/w2v2-lv60k-2l.pt            # reduced depth: same widths and feature encoder, 2 layers

Architectures (torchaudio.models factories): wav2vec2_base, wav2vec2_large, wav2vec2_large_lv60k, hubert_base,
hubert_large. The written TorchScript module returns ALL hidden states, stacked [layers + 1, batch, frames, dim]:
state 0 is the transformer's input (after the positional convolution, and after the encoder layer norm in the
post-LN base/large models), state i the output of layer i; in the pre-LN models (wav2vec2_large_lv60k,
hubert_large) the last state has the encoder's final layer norm applied, as Hugging Face's hidden_states[-1].

Contract (serspark-embed/1): group-norm feature encoders (wav2vec2_base, wav2vec2_large, hubert_base: GroupNorm over
time after the first convolution, so zero padding changes every frame) take `waveform`: forward(wav [B,S]) ->
hidden. Layer-norm feature encoders (wav2vec2_large_lv60k, hubert_large: per-frame LayerNorm) take `lengths`:
forward(wav [B,S], lengths int64 [B]) -> (hidden, frame_lengths), padded frames are zeroed and masked in attention,
so they batch utterances of unequal length.

Weights:
  --random-init --seed S   torch.manual_seed(crc32("<arch>:<S>")) then the torchaudio factory (measures the pipeline,
                           not emotion); the architecture is in the seed because wav2vec2_base and hubert_base are
                           one torchaudio configuration and would otherwise be the same network
  --checkpoint FILE        a torchaudio state dict (what torch.save(model.state_dict()) or a torchaudio bundle's
                           weights file holds), a fairseq checkpoint (needs `fairseq` importable here:
                           torchaudio.models.wav2vec2.utils.import_fairseq_model) or a Hugging Face model folder
                           (needs `transformers`: import_huggingface_model)
  --save-state-dict FILE   also write the weights as a torchaudio state dict (before any --layers-kept cut), e.g.
                           to test the --checkpoint path by a round trip

--normalize-waveform yes|no|auto: zero mean / unit variance over each utterance's valid samples inside the module.
auto = what the released checkpoints were trained with (yes for wav2vec2_large_lv60k and hubert_large, as
torchaudio's bundles; no for the others).

Before writing, the script checks the scripted module against torchaudio's own eager `extract_features` on a 1 s
input (and, for `lengths` models, a padded batch of 1 s + 0.6 s against each alone) and refuses to write the file
when they differ by more than --tolerance relative (max |diff| / max |value|, default 1e-4).
"""
import argparse
import hashlib
import json
import math
import os
import sys
import zlib
from typing import List, Optional, Tuple

SAMPLE_RATE = 16000
# arch -> (torchaudio factory, feature encoder norm, normalize_waveform of the released checkpoints)
ARCHS = {
    "wav2vec2_base": ("wav2vec2_base", "group_norm", False),
    "wav2vec2_large": ("wav2vec2_large", "group_norm", False),
    "wav2vec2_large_lv60k": ("wav2vec2_large_lv60k", "layer_norm", True),
    "hubert_base": ("hubert_base", "group_norm", False),
    "hubert_large": ("hubert_large", "layer_norm", True),
}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", required=True, choices=sorted(ARCHS))
    weights = p.add_mutually_exclusive_group(required=True)
    weights.add_argument("--random-init", action="store_true", help="random weights from --seed")
    weights.add_argument("--checkpoint", help="torchaudio state dict, fairseq checkpoint or Hugging Face folder")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-init (default 0)")
    p.add_argument("--layers-kept", type=int, default=None,
                   help="keep only the first N transformer layers (reduced-depth variant for tests)")
    p.add_argument("--reduced", action="store_true", help="shorthand for --layers-kept 2")
    p.add_argument("--normalize-waveform", choices=["yes", "no", "auto"], default="auto")
    p.add_argument("--save-state-dict", help="also write the (full-depth) weights as a torchaudio state dict")
    p.add_argument("--tolerance", type=float, default=1e-4,
                   help="max relative difference scripted vs torchaudio eager (default 1e-4)")
    p.add_argument("--out", required=True, help="TorchScript file to write (build it under target/, never commit)")
    a = p.parse_args(argv)
    if a.reduced:
        if a.layers_kept is not None:
            p.error("give --reduced or --layers-kept, not both")
        a.layers_kept = 2
    if a.layers_kept is not None and a.layers_kept < 1:
        p.error("--layers-kept must be at least 1")
    if a.checkpoint and not os.path.exists(a.checkpoint):
        p.error("--checkpoint %s does not exist" % a.checkpoint)
    return a


def build(arch: str, args):
    import torch
    import torchaudio

    factory = getattr(torchaudio.models, ARCHS[arch][0])
    if args.random_init:
        # torchaudio builds wav2vec2_base and hubert_base from one configuration (they differ in pre-training only):
        # with the seed alone, "--seed 0" would give both the same network, and a benchmark comparing them would
        # compare a model with itself. The architecture's name is part of the seed.
        torch_seed = zlib.crc32(("%s:%d" % (arch, args.seed)).encode())
        torch.manual_seed(torch_seed)
        return factory(), "random-init seed %d (torch seed %d)" % (args.seed, torch_seed)
    return load_checkpoint(arch, args.checkpoint, factory), "checkpoint %s (sha256 %s)" % (
        os.path.basename(args.checkpoint.rstrip("/")), file_sha256(args.checkpoint))


def load_checkpoint(arch: str, path: str, factory):
    import torch

    if os.path.isdir(path):  # a Hugging Face model folder (config.json + weights)
        try:
            import transformers
        except ImportError:
            sys.exit("--checkpoint %s is a folder (a Hugging Face model?) but `transformers` is not importable by %s; "
                     "install it there, or convert the weights to a torchaudio state dict elsewhere"
                     % (path, sys.executable))
        from torchaudio.models.wav2vec2.utils import import_huggingface_model
        original = transformers.AutoModel.from_pretrained(path).eval()
        return check_arch(arch, import_huggingface_model(original), path)
    obj = torch.load(path, map_location="cpu")
    if isinstance(obj, dict) and ("cfg" in obj or "args" in obj) and "model" in obj:  # fairseq
        try:
            import fairseq
        except ImportError:
            sys.exit("--checkpoint %s is a fairseq checkpoint but `fairseq` is not importable by %s; install it "
                     "there, or convert the weights to a torchaudio state dict elsewhere" % (path, sys.executable))
        from torchaudio.models.wav2vec2.utils import import_fairseq_model
        models, _, _ = fairseq.checkpoint_utils.load_model_ensemble_and_task([path])
        return check_arch(arch, import_fairseq_model(models[0].eval()), path)
    if isinstance(obj, dict) and "state_dict" in obj and isinstance(obj["state_dict"], dict):
        obj = obj["state_dict"]
    if not isinstance(obj, dict) or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        sys.exit("--checkpoint %s is neither a torchaudio state dict (name -> tensor), a fairseq checkpoint nor a "
                 "Hugging Face folder" % path)
    model = factory()
    # torchaudio's ASR bundles carry an `aux` head (the CTC output); the encoder's hidden states do not use it
    state = {k: v for k, v in obj.items() if not k.startswith("aux.")}
    try:
        missing, unexpected = model.load_state_dict(state, strict=False)
    except RuntimeError as e:  # same names, other shapes (e.g. base weights for a large architecture)
        sys.exit("--checkpoint %s does not fit --arch %s: %s" % (path, arch, str(e).splitlines()[1].strip()
                                                                  if len(str(e).splitlines()) > 1 else e))
    if missing or unexpected:
        sys.exit("--checkpoint %s does not fit --arch %s: %d missing weights (e.g. %s), %d unexpected (e.g. %s)"
                 % (path, arch, len(missing), missing[:3], len(unexpected), unexpected[:3]))
    return model


def check_arch(arch: str, model, path: str):
    want_norm = ARCHS[arch][1]
    got_norm = "layer_norm" if describe(model)["extractor_mode"] == "layer_norm" else "group_norm"
    if got_norm != want_norm:
        sys.exit("--checkpoint %s has a %s feature encoder; --arch %s has %s" % (path, got_norm, arch, want_norm))
    return model


def describe(model) -> dict:
    """The architecture as the FLOP count (serspark's UpstreamArchitecture) reads it from serspark.json."""
    convs = model.feature_extractor.conv_layers
    t = model.encoder.transformer
    first = t.layers[0]
    pos = t.pos_conv_embed
    norm = type(convs[0].layer_norm).__name__ if convs[0].layer_norm is not None else "none"
    return {
        "extractor_mode": "layer_norm" if norm == "LayerNorm" else "group_norm",
        "conv_layers": [[c.conv.out_channels, c.kernel_size, c.stride] for c in convs],
        "embed_dim": model.encoder.feature_projection.projection.out_features,
        "ffn_dim": first.feed_forward.intermediate_dense.out_features,
        "heads": first.attention.num_heads,
        "layers": len(t.layers),
        "pos_conv_kernel": pos.kernel_size,
        "pos_conv_groups": pos.conv.groups,
        "layer_norm_first": not t.layer_norm_first,  # torchaudio stores the encoder's flag inverted on Transformer
    }


def make_wrappers():
    """Defined lazily so that --help works without torch."""
    import torch
    from torch import Tensor, nn

    class AllHiddenStates(nn.Module):
        """Feature encoder + transformer of a torchaudio Wav2Vec2Model, returning every hidden state."""

        def __init__(self, model, normalize: bool):
            super().__init__()
            self.feature_extractor = model.feature_extractor
            self.encoder = model.encoder
            self.normalize = normalize
            # pre-LN models (fairseq layer_norm_first) apply the encoder's layer norm after the last layer only
            self.final_norm = not model.encoder.transformer.layer_norm_first

        def states(self, wav: Tensor, lengths: Optional[Tensor]) -> Tuple[Tensor, Optional[Tensor]]:
            if self.normalize:
                wav = normalized(wav, lengths)
            x, frames = self.feature_extractor(wav, lengths)
            x, mask = self.encoder._preprocess(x, frames)
            transformer = self.encoder.transformer
            x = transformer._preprocess(x)
            states: List[Tensor] = [x]
            for layer in transformer.layers:
                x = layer(x, mask)
                states.append(x)
            if self.final_norm:
                states[-1] = transformer.layer_norm(states[-1])
            return torch.stack(states), frames

    def normalized(wav: Tensor, lengths: Optional[Tensor]) -> Tensor:
        # zero mean, unit variance over each row's valid samples (torchaudio bundles: layer_norm, eps 1e-5);
        # padding stays zero so that it does not change the valid frames of layer-norm feature encoders
        if lengths is None:
            return torch.nn.functional.layer_norm(wav, [wav.shape[1]])
        valid = (torch.arange(wav.shape[1], device=wav.device)[None, :] < lengths[:, None]).to(wav.dtype)
        n = lengths.to(wav.dtype)[:, None]
        mean = (wav * valid).sum(1, keepdim=True) / n
        var = (((wav - mean) * valid) ** 2).sum(1, keepdim=True) / n
        return (wav - mean) / torch.sqrt(var + 1e-5) * valid

    class WithLengths(AllHiddenStates):
        def forward(self, wav: Tensor, lengths: Tensor) -> Tuple[Tensor, Tensor]:
            hidden, frames = self.states(wav, lengths)
            assert frames is not None
            return hidden, frames

    class WaveformOnly(AllHiddenStates):
        def forward(self, wav: Tensor) -> Tensor:
            return self.states(wav, None)[0]

    return WithLengths, WaveformOnly


def test_waveform(n: int, seed: int):
    """Speech-like deterministic test signal (two harmonics with vibrato plus noise), quantised like PCM16."""
    import torch

    g = torch.Generator().manual_seed(seed)
    t = torch.arange(n, dtype=torch.float64) / SAMPLE_RATE
    f0 = 120.0 + 30.0 * seed + 8.0 * torch.sin(2 * math.pi * 3.0 * t)
    phase = 2 * math.pi * torch.cumsum(f0, 0) / SAMPLE_RATE
    x = 0.2 * torch.sin(phase) + 0.08 * torch.sin(2 * phase + 0.3) + 0.02 * torch.randn(n, generator=g,
                                                                                         dtype=torch.float64)
    return (torch.round(x * 32767.0) / 32768.0).to(torch.float32)


def relative_diff(a, b) -> float:
    return float((a - b).abs().max() / b.abs().max().clamp_min(1e-30))


def check_against_torchaudio(scripted, model, input_kind: str, normalize: bool, final_norm: bool) -> float:
    """Scripted module vs torchaudio's eager extract_features (an independent path through the same weights)."""
    import torch

    def eager(w):
        x = w[None, :]
        if normalize:
            x = torch.nn.functional.layer_norm(x, [x.shape[1]])
        feats, _ = model.feature_extractor(x, None)
        first = model.encoder.transformer._preprocess(model.encoder._preprocess(feats, None)[0])
        layers, _ = model.extract_features(x)
        if final_norm:
            layers[-1] = model.encoder.transformer.layer_norm(layers[-1])
        return torch.stack([first] + layers)[:, 0]

    worst = 0.0
    a, b = test_waveform(16000, 1), test_waveform(9600, 2)
    with torch.no_grad():
        ref_a, ref_b = eager(a), eager(b)
        if input_kind == "lengths":
            batch = torch.zeros(2, 16000)
            batch[0], batch[1, :9600] = a, b
            hidden, frames = scripted(batch, torch.tensor([16000, 9600]))
            if [int(f) for f in frames] != [ref_a.shape[1], ref_b.shape[1]]:
                sys.exit("frame_lengths %s != eager %s" % (frames.tolist(), [ref_a.shape[1], ref_b.shape[1]]))
            worst = max(relative_diff(hidden[:, 0, : int(frames[0])], ref_a),
                        relative_diff(hidden[:, 1, : int(frames[1])], ref_b))
        else:
            worst = max(relative_diff(scripted(a[None, :])[:, 0], ref_a),
                        relative_diff(scripted(b[None, :])[:, 0], ref_b))
    return worst


def receptive_field(conv_layers) -> int:
    field, jump = 1, 1
    for _, k, s in conv_layers:
        field += (k - 1) * jump
        jump *= s
    return field


def file_sha256(path: str) -> str:
    if os.path.isdir(path):
        return "folder"
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        import torch
        import torchaudio
    except ImportError as e:
        sys.exit("export_upstream.py needs torch and torchaudio (Debian: apt-get install python3-torchaudio, run "
                 "with /usr/bin/python3): %s" % e)
    # torch 1.13's profiling executor can fail on a second input length (STACK.md); serspark runs it off too
    torch._C._set_graph_executor_optimize(False)
    model, origin = build(args.arch, args)
    model.eval()
    if args.save_state_dict:
        os.makedirs(os.path.dirname(os.path.abspath(args.save_state_dict)), exist_ok=True)
        torch.save(model.state_dict(), args.save_state_dict)
    full_layers = len(model.encoder.transformer.layers)
    if args.layers_kept is not None:
        if args.layers_kept > full_layers:
            sys.exit("--layers-kept %d: %s has %d layers" % (args.layers_kept, args.arch, full_layers))
        model.encoder.transformer.layers = torch.nn.ModuleList(list(model.encoder.transformer.layers)[: args.layers_kept])
    arch = describe(model)
    input_kind = "lengths" if arch["extractor_mode"] == "layer_norm" else "waveform"
    normalize = ARCHS[args.arch][2] if args.normalize_waveform == "auto" else args.normalize_waveform == "yes"
    with_lengths, waveform_only = make_wrappers()
    wrapper = (with_lengths if input_kind == "lengths" else waveform_only)(model, normalize).eval()
    scripted = torch.jit.script(wrapper)
    worst = check_against_torchaudio(scripted, model, input_kind, normalize, wrapper.final_norm)
    print("scripted vs torchaudio eager extract_features, max |diff| / max |value| over all hidden states: %.2e" % worst)
    if not worst <= args.tolerance:
        sys.exit("the scripted module does not reproduce torchaudio's model (%.2e > %.1e); not writing %s"
                 % (worst, args.tolerance, args.out))
    meta = {
        "contract": "serspark-embed/1",
        "input": input_kind,
        "sample_rate_hz": SAMPLE_RATE,
        "hidden_states": arch["layers"] + 1,
        "dim": arch["embed_dim"],
        "frame_stride_samples": math.prod(s for _, _, s in arch["conv_layers"]),
        "min_samples": receptive_field(arch["conv_layers"]),
        "outputs": ["hidden_states", "frame_lengths"] if input_kind == "lengths" else ["hidden_states"],
        "normalize_waveform": normalize,
        "upstream": args.arch,
        "layers_kept": arch["layers"],
        "layers_full": full_layers,
        "weights": origin,
        "architecture": arch,
        "source": "scripts/export_upstream.py (torch %s, torchaudio %s)" % (torch.__version__, torchaudio.__version__),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.jit.save(scripted, args.out, _extra_files={"serspark.json": json.dumps(meta, sort_keys=True)})
    params = sum(p.numel() for p in wrapper.parameters())
    print("wrote %s (%.1f M parameters, %d bytes): %s" % (args.out, params / 1e6, os.path.getsize(args.out),
                                                          json.dumps(meta, sort_keys=True)))


if __name__ == "__main__":
    main()
