#!/usr/bin/env python3
"""Export a Hugging Face wav2vec2 / HuBERT / WavLM checkpoint to serspark's embedding contract (docs/embeddings.md).

NOT RUN in serspark's CI: it needs `transformers` (and the checkpoint), which the build machine does not have.
Run it wherever both are available, then copy the .pt file next to the warehouse (or to HDFS/S3):

    pip install "torch>=1.13,<=2.7.1" transformers        # export with a torch no newer than DJL's libtorch 2.7.1
    python3 scripts/export_hf_encoder.py microsoft/wavlm-base-plus /models/wavlm-base-plus.pt
    ./submit.sh embed --warehouse ./warehouse --model /models/wavlm-base-plus.pt --name wavlm-base-plus \
        --layers all --pooling mean,std --device auto

The exported TorchScript module:
  * input  `wav` float32 [batch, samples], 16 kHz mono, each row zero-padded after its true length, and
           - `lengths` int64 [batch] (true lengths in samples) for checkpoints whose feature encoder normalises per
             frame (feat_extract_norm == "layer": wav2vec2-large-lv60, HuBERT-large, WavLM-large, ...);
           - nothing else for checkpoints with group norm over time in the first conv (feat_extract_norm == "group":
             wav2vec2-base, HuBERT-base, WavLM-base(-plus)). HF itself says those must not get an attention mask and
             zero padding changes their output, so serspark batches only equal-length inputs for them.
  * output hidden states of every layer stacked: float32 [layers = num_hidden_layers + 1, batch, frames, hidden_size]
           (hidden_states[0] = transformer input, as HF's output_hidden_states), and for the `lengths` variant also
           `frame_lengths` int64 [batch] (valid frames per row, HF's _get_feat_extract_output_lengths).
  * the waveform normalisation of the checkpoint's feature extractor (do_normalize: zero mean, unit variance over
    the valid samples, eps 1e-7) is done inside the module, so serspark feeds raw PCM/32768.
  * `serspark.json` (a TorchScript extra file) describes all of the above; serspark reads it before loading.

The module is made with torch.jit.trace and then checked against the eager Hugging Face model on inputs of
several lengths (not the traced one), including a padded batch for the `lengths` variant; the export fails when
any hidden state differs by more than --tolerance.
"""
import argparse
import json
import sys

import torch
from torch import Tensor, nn

SAMPLE_RATE = 16000


class WithLengths(nn.Module):
    def __init__(self, model, normalize: bool):
        super().__init__()
        self.model = model
        self.normalize = normalize

    def forward(self, wav: Tensor, lengths: Tensor):
        valid = (torch.arange(wav.shape[1], device=wav.device)[None, :] < lengths[:, None])
        x = wav
        if self.normalize:
            n = lengths.to(wav.dtype)[:, None]
            mean = (wav * valid).sum(1, keepdim=True) / n
            var = (((wav - mean) * valid) ** 2).sum(1, keepdim=True) / n
            x = (wav - mean) / torch.sqrt(var + 1e-7) * valid
        out = self.model(x, attention_mask=valid.long(), output_hidden_states=True, return_dict=False)
        hidden = torch.stack(out[-1])  # hidden_states is the last element of the tuple
        frames = self.model._get_feat_extract_output_lengths(lengths).long()
        return hidden, frames


class WaveformOnly(nn.Module):
    def __init__(self, model, normalize: bool):
        super().__init__()
        self.model = model
        self.normalize = normalize

    def forward(self, wav: Tensor):
        x = wav
        if self.normalize:
            mean = wav.mean(1, keepdim=True)
            var = wav.var(1, keepdim=True, unbiased=False)
            x = (wav - mean) / torch.sqrt(var + 1e-7)
        out = self.model(x, output_hidden_states=True, return_dict=False)
        return torch.stack(out[-1])


def receptive_field(kernels, strides) -> int:
    field, jump = 1, 1
    for k, s in zip(kernels, strides):
        field += (k - 1) * jump
        jump *= s
    return field


def eager_states(model, wav: Tensor, normalize: bool) -> Tensor:
    """One unpadded utterance through the HF model exactly as HF's feature extractor + model would run it."""
    x = wav[None, :]
    if normalize:
        x = (x - x.mean()) / torch.sqrt(x.var(unbiased=False) + 1e-7)
    with torch.no_grad():
        return torch.stack(model(x, output_hidden_states=True, return_dict=True).hidden_states)[:, 0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint", help="HF model id or folder, e.g. microsoft/wavlm-base-plus")
    ap.add_argument("out", help="output .pt file")
    ap.add_argument("--input", choices=["auto", "lengths", "waveform"], default="auto",
                    help="auto: lengths when config.feat_extract_norm == 'layer', else waveform")
    ap.add_argument("--tolerance", type=float, default=1e-3)
    args = ap.parse_args()

    from transformers import AutoConfig, AutoFeatureExtractor, AutoModel  # noqa: only needed here

    config = AutoConfig.from_pretrained(args.checkpoint)
    model = AutoModel.from_pretrained(args.checkpoint, torchscript=True).eval()
    try:
        normalize = bool(AutoFeatureExtractor.from_pretrained(args.checkpoint).do_normalize)
    except Exception:  # no preprocessor_config.json: HF's default for these models
        normalize = True
    norm = getattr(config, "feat_extract_norm", "group")
    input_kind = args.input if args.input != "auto" else ("lengths" if norm == "layer" else "waveform")
    if input_kind == "lengths" and norm != "layer":
        print("warning: %s normalises its first conv over time (feat_extract_norm=%s); padding changes its output "
              "even with lengths. Prefer --input waveform." % (args.checkpoint, norm), file=sys.stderr)

    g = torch.Generator().manual_seed(0)
    example = [torch.randn(n, generator=g) * 0.1 for n in (48000, 30000, 16000)]
    if input_kind == "lengths":
        wrapper = WithLengths(model, normalize).eval()
        lengths = torch.tensor([w.shape[0] for w in example])
        batch = torch.zeros(len(example), int(lengths.max()))
        for i, w in enumerate(example):
            batch[i, : w.shape[0]] = w
        with torch.no_grad():
            traced = torch.jit.trace(wrapper, (batch, lengths), check_trace=False)
    else:
        wrapper = WaveformOnly(model, normalize).eval()
        with torch.no_grad():
            traced = torch.jit.trace(wrapper, (example[0][None, :],), check_trace=False)

    # the traced graph must not have frozen the example's shapes: check it on other lengths against eager HF
    tests = [torch.randn(n, generator=g) * 0.1 for n in (40000, 23456, 8000)]
    worst = 0.0
    with torch.no_grad():
        if input_kind == "lengths":
            lengths = torch.tensor([w.shape[0] for w in tests])
            batch = torch.zeros(len(tests), int(lengths.max()))
            for i, w in enumerate(tests):
                batch[i, : w.shape[0]] = w
            hidden, frames = traced(batch, lengths)
            for i, w in enumerate(tests):
                ref = eager_states(model, w, normalize)
                worst = max(worst, (hidden[:, i, : int(frames[i])] - ref).abs().max().item())
                if int(frames[i]) != ref.shape[1]:
                    sys.exit("frame_lengths %d != %d frames of the eager model" % (int(frames[i]), ref.shape[1]))
        else:
            for w in tests:
                hidden = traced(w[None, :])
                worst = max(worst, (hidden[:, 0] - eager_states(model, w, normalize)).abs().max().item())
    print("traced vs eager Hugging Face, max |diff| over the hidden states of 3 other lengths: %.2e" % worst)
    if worst > args.tolerance:
        sys.exit("the traced module does not reproduce the model (%.2e > %.1e); not writing %s"
                 % (worst, args.tolerance, args.out))

    meta = {
        "contract": "serspark-embed/1",
        "input": input_kind,
        "sample_rate_hz": SAMPLE_RATE,
        "hidden_states": config.num_hidden_layers + 1,
        "dim": config.hidden_size,
        "frame_stride_samples": int(torch.tensor(config.conv_stride).prod()),
        "min_samples": receptive_field(config.conv_kernel, config.conv_stride),
        "outputs": ["hidden_states", "frame_lengths"] if input_kind == "lengths" else ["hidden_states"],
        "normalize_waveform": normalize,
        "source": "scripts/export_hf_encoder.py %s (transformers, torch %s)" % (args.checkpoint, torch.__version__),
    }
    torch.jit.save(traced, args.out, _extra_files={"serspark.json": json.dumps(meta, sort_keys=True)})
    print("wrote %s: %s" % (args.out, json.dumps(meta, sort_keys=True)))


if __name__ == "__main__":
    main()
