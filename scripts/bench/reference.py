#!/usr/bin/env python3
"""PyTorch and pandas reference for `lstm-studio bench` (scripts/bench/README in the repo README).

Runs one part of the benchmark and prints one JSON object on stdout:
  reference.py model --samples 4096 --window 60 --features 8 --units 64,64 --batch 32 --threads 1
  reference.py model ... --conv 64x5,64x5p2          (CNN-LSTM: conv blocks before the LSTM stack)
  reference.py model ... --fcn 128x8,256x5,128x3     (LSTM-FCN: a conv branch, LSTM over the transposed input)
  reference.py csv FILE [--parse-dates timestamp]
The model is the same as LSTM Studio's reference workload: stacked LSTM layers (sigmoid gates, tanh),
the last step's output into Dense(1), Adam (lr 1e-3), mean squared error. Conv blocks are Conv1d ('same'
padding), BatchNorm1d, ReLU and MaxPool1d when pooled, as LSTM Studio builds them. Peak RSS is this process's.
"""
import argparse
import json
import resource
import statistics
import sys
import time


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def openblas_core():
    """The OpenBLAS kernel the loaded library picked (e.g. 'Haswell', 'Zen'), or None."""
    import ctypes
    try:
        with open('/proc/self/maps') as maps:
            libs = sorted({line.split()[-1] for line in maps if 'openblas' in line and '.so' in line})
        for lib in libs:
            f = ctypes.CDLL(lib).openblas_get_corename
            f.restype = ctypes.c_char_p
            return f().decode()
    except (OSError, AttributeError):
        return None
    return None


def run_model(a):
    import torch

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    units = [int(u) for u in a.units.split(',')]

    def blocks(text, channels):
        """Conv blocks from "64x5,64x5p2": Conv1d('same'), BatchNorm1d, ReLU, [MaxPool1d]. Returns (module, out channels)."""
        mods = []
        for spec in text.split(','):
            filters, rest = spec.split('x')
            kernel, _, pool = rest.partition('p')
            mods += [torch.nn.Conv1d(channels, int(filters), int(kernel), padding='same'), torch.nn.BatchNorm1d(int(filters)), torch.nn.ReLU()]
            if pool and int(pool) > 1:
                mods.append(torch.nn.MaxPool1d(int(pool)))
            channels = int(filters)
        return torch.nn.Sequential(*mods), channels

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv, size = blocks(a.conv, a.features) if a.conv else (None, a.features)
            self.fcn, fcn_size = blocks(a.fcn, a.features) if a.fcn else (None, 0)
            if a.fcn:
                size = a.window  # dimension shuffle: the LSTM reads the features as steps
            layers = []
            for u in units:
                layers.append(torch.nn.LSTM(size, u, batch_first=True))
                size = u
            self.rnn = torch.nn.ModuleList(layers)
            self.out = torch.nn.Linear(size + fcn_size, 1)

        def forward(self, x):
            h = self.conv(x.transpose(1, 2)).transpose(1, 2) if self.conv is not None else x
            if self.fcn is not None:
                h = x.transpose(1, 2)
            for layer in self.rnn:
                h, _ = layer(h)
            h = h[:, -1, :]
            if self.fcn is not None:
                h = torch.cat([h, self.fcn(x.transpose(1, 2)).mean(dim=2)], dim=1)
            return self.out(h)

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    g = torch.Generator().manual_seed(a.seed)
    x = torch.rand(a.samples, a.window, a.features, generator=g) * 2 - 1
    y = torch.rand(a.samples, 1, generator=g) * 2 - 1

    def epoch(n):
        order = torch.randperm(n, generator=g)
        total = 0.0
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        return total / n

    net.train()
    epoch(min(a.samples, a.batch * a.warmup))  # warm-up batches
    started = time.perf_counter()
    loss = epoch(a.samples)
    train_seconds = time.perf_counter() - started

    net.eval()
    with torch.no_grad():
        one = x[:1]
        for _ in range(5):
            net(one)
        lat = []
        for _ in range(a.latency_runs):
            t0 = time.perf_counter()
            net(one)
            lat.append((time.perf_counter() - t0) * 1000)
        many = x[:a.predict_samples]
        net(many)
        runs = []
        for _ in range(a.predict_runs):
            t0 = time.perf_counter()
            net(many)
            runs.append(time.perf_counter() - t0)
    core = openblas_core()
    print(json.dumps({
        'trainSamplesPerSecond': a.samples / train_seconds,
        'trainLoss': loss,
        'latencyMs': statistics.median(lat),
        'predictSamplesPerSecond': a.predict_samples / statistics.median(runs),
        'peakRssMb': peak_rss_mb(),
        'engine': 'PyTorch %s, %d thread%s%s' % (torch.__version__, a.threads, '' if a.threads == 1 else 's',
                                                 ', OpenBLAS %s kernels' % core if core else ''),
    }))


def run_csv(a):
    import os
    import pandas as pd

    size = os.path.getsize(a.file)
    started = time.perf_counter()
    frame = pd.read_csv(a.file, parse_dates=[a.parse_dates]) if a.parse_dates else pd.read_csv(a.file)
    seconds = time.perf_counter() - started
    print(json.dumps({
        'rows': int(len(frame)),
        'seconds': seconds,
        'mbPerSecond': size / 1048576 / seconds,
        'peakRssMb': peak_rss_mb(),
        'engine': 'pandas %s read_csv%s' % (pd.__version__, "(parse_dates=['%s'])" % a.parse_dates if a.parse_dates else ''),
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest='part', required=True)
    m = sub.add_parser('model')
    m.add_argument('--samples', type=int, default=4096)
    m.add_argument('--window', type=int, default=60)
    m.add_argument('--features', type=int, default=8)
    m.add_argument('--units', default='64,64')
    m.add_argument('--batch', type=int, default=32)
    m.add_argument('--warmup', type=int, default=8, help='warm-up batches before the timed epoch')
    m.add_argument('--latency-runs', type=int, default=50)
    m.add_argument('--predict-samples', type=int, default=1024)
    m.add_argument('--predict-runs', type=int, default=5)
    m.add_argument('--threads', type=int, default=1)
    m.add_argument('--seed', type=int, default=42)
    m.add_argument('--conv', default=None, help='conv blocks before the LSTM stack, e.g. 64x5,64x5p2')
    m.add_argument('--fcn', default=None, help='LSTM-FCN branch blocks, e.g. 128x8,256x5,128x3')
    c = sub.add_parser('csv')
    c.add_argument('file')
    c.add_argument('--parse-dates', default=None, help='also parse this column as datetimes (as our importer does)')
    a = p.parse_args()
    if a.part == 'model':
        run_model(a)
    else:
        run_csv(a)


if __name__ == '__main__':
    sys.exit(main())
