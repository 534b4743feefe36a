#!/usr/bin/python3
"""Times the official PyTorch GS2PM prediction forward (MS2Pv3_tune), the reference for
`nowcast bench model` (BENCHMARKS.md, "CPU: nowcast against the official code").

The official code is not part of this repository: pass the folder of a checkout of the official
release (the folder that holds models/MS2Pv3_tune.py). Needs Debian's python3-torch; timm, which
the official modules import for DropPath and trunc_normal_ only, is replaced by a minimal stand-in
when it is not installed (neither is used in an eval-mode forward).

  tools/official-gs2pm-forward.py --code /tmp/GS2PM-master --batch 8 --threads 2
"""
import argparse
import copy
import importlib.util
import os
import sys
import time
import types

import torch

SCALES = {"tiny": (64, 128, 4, 8), "medium": (64, 384, 4, 32), "large": (64, 560, 4, 70)}


def stand_in_timm():
    """timm.models.layers with the two names the official modules import."""
    layers = types.ModuleType("timm.models.layers")

    class DropPath(torch.nn.Module):
        def __init__(self, p=0.0):
            super().__init__()
            self.p = p

        def forward(self, x):
            if self.p == 0.0 or not self.training:
                return x
            keep = 1 - self.p
            mask = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(keep)
            return x * mask / keep

    layers.DropPath = DropPath
    layers.trunc_normal_ = torch.nn.init.trunc_normal_
    timm = types.ModuleType("timm")
    models = types.ModuleType("timm.models")
    timm.models, models.layers = models, layers
    sys.modules.update({"timm": timm, "timm.models": models, "timm.models.layers": layers})


def load_official(code):
    """MS2Pv3_tune without importing models/__init__.py (which imports every other model)."""
    models = os.path.join(code, "models")
    if not os.path.isfile(os.path.join(models, "MS2Pv3_tune.py")):
        sys.exit(f"error: {models}/MS2Pv3_tune.py not found; --code must name a checkout of the official release")
    package = types.ModuleType("official")
    package.__path__ = [models]
    sys.modules["official"] = package
    spec = importlib.util.spec_from_file_location("official.MS2Pv3_tune", os.path.join(models, "MS2Pv3_tune.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--code", required=True, help="folder of the official GS2PM release")
    p.add_argument("--scale", default="tiny", choices=sorted(SCALES))
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--bf16", action="store_true",
                   help="also run a bfloat16 copy of the model (weights and activations; torch 1.13's CPU autocast "
                        "stops at GroupNorm; the prompt's zero centre is given the input's dtype) and report its speed "
                        "and its max |diff| to fp32")
    a = p.parse_args()
    try:
        import timm.models.layers  # noqa: F401
    except ImportError:
        stand_in_timm()
    official = load_official(a.code)
    ms2p = official.MS2Pv3_tune
    torch.manual_seed(1)
    torch.set_num_threads(a.threads)
    hid_s, hid_t, n_s, n_t = SCALES[a.scale]
    model = ms2p((10, 3, 128, 128), hid_S=hid_s, hid_T=hid_t, N_S=n_s, N_T=n_t).eval()
    x = torch.rand(a.batch, 10, 3, 128, 128, generator=torch.Generator().manual_seed(2))
    fp32 = timed(model, x, a, "fp32")
    if a.bf16:
        # the official prompt makes its zero centre in fp32 whatever the input (docs/spec/gs2pm.md section 3), which
        # turns a bf16 forward back into fp32 at the first layer; give the centre the input's dtype
        def prompt(self, x):
            base = torch.zeros(1, 3, self.base_size, self.base_size, dtype=x.dtype, device=x.device)
            p = torch.cat([self.pad_up, torch.cat([self.pad_left, base, self.pad_right], dim=3), self.pad_down], dim=2)
            return x + torch.cat(x.size(0) * [p])
        official.PadPrompter.forward = prompt
        out = timed(copy.deepcopy(model).to(torch.bfloat16), x.to(torch.bfloat16), a, "bf16")
        print(f"max |bf16 - fp32| of the output: {(out.float() - fp32).abs().max().item():.4g} "
              f"(output range {fp32.min().item():.3g} .. {fp32.max().item():.3g})")


def timed(model, x, a, label):
    """Median wall time of the forward; CPU time (user+system of this process) per sample too."""
    times = []
    out = None
    cpu0 = None
    with torch.no_grad():
        for i in range(a.warmup + a.repeat):
            if i == a.warmup:
                cpu0 = os.times()
            t0 = time.perf_counter()
            out = model(x)
            if i >= a.warmup:
                times.append(time.perf_counter() - t0)
    cpu1 = os.times()
    cpu = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / a.repeat / a.batch
    times.sort()
    median = times[len(times) // 2]
    print(f"official GS2PM (MS2Pv3_tune) {a.scale}, torch {torch.__version__}, {label}, eval, no grad, "
          f"{torch.get_num_threads()} threads: batch {a.batch}: {1000 * median / a.batch:.1f} ms/sample "
          f"(median of {a.repeat}), best {1000 * times[0] / a.batch:.1f}, cpu {1000 * cpu:.1f} ms/sample", flush=True)
    return out


if __name__ == "__main__":
    main()
