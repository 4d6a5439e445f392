#!/usr/bin/env python3
"""An independent NumPy implementation of the paper-1 update rule, for the acceptance test of
`theorycheck train`: reads X (n,P,d), y (n,) and W0 (2m,d) .npy files, runs full-batch gradient
descent in float64 and writes DIR/result.json (losses L(W_0..W_T), final stable rank) and DIR/W.npy.

The Huberized ReLU (the default; ReLU and ReLU^q are written here) is the benchmark peer's (../shared/bench/peer_numpy.py, relative to the repo);
the loop is the peer's loop with W0 given instead of drawn.
"""
import argparse, json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'bench'))
sys.path.insert(0, PEER)
from peer_numpy import huber_relu_and_grad  # noqa: E402


def activation(name, kappa, q):
    """The filter activation and its derivative; Huberized ReLU is the peer's own function."""
    if name == 'huber':
        return lambda Z: huber_relu_and_grad(Z, kappa, q)
    if name == 'relu':
        return lambda Z: (np.maximum(Z, 0), (Z > 0).astype(np.float64))
    if name == 'relu-pow':
        return lambda Z: (np.maximum(Z, 0) ** q, np.where(Z > 0, q * np.maximum(Z, 0) ** (q - 1), 0.0))
    raise SystemExit(f'unknown activation {name}')


def losses_and_train(X, y, W, iters, lr, act_and_grad):
    n, P, d = X.shape
    m = W.shape[0] // 2
    sign = np.concatenate([np.ones(m), -np.ones(m)])
    Xf = X.reshape(n * P, d)
    losses = []

    def loss_and_coefficients(W):
        Z = Xf @ W.T                                        # (nP, 2m)
        act, act_grad = act_and_grad(Z)
        f = (act.reshape(n, P, 2 * m).sum(axis=1) @ sign) / m
        margin = y * f
        loss = float(np.mean(np.logaddexp(0, -margin)))
        g = -y / (1 + np.exp(margin)) / n                   # dL/df
        D = act_grad.reshape(n, P, 2 * m) * (g[:, None, None] * sign / m)
        return loss, D

    for _ in range(iters):
        loss, D = loss_and_coefficients(W)
        losses.append(loss)
        if not np.isfinite(loss):
            return W, losses
        W = W - lr * (D.reshape(n * P, 2 * m).T @ Xf)
    losses.append(loss_and_coefficients(W)[0])
    return W, losses


def stable_rank(M):
    s = np.linalg.svd(M, compute_uv=False)
    return float((s ** 2).sum() / s[0] ** 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--labels', required=True)
    ap.add_argument('--init', required=True)
    ap.add_argument('--iters', type=int, required=True)
    ap.add_argument('--lr', type=float, required=True)
    ap.add_argument('--kappa', type=float, default=1.0)
    ap.add_argument('--q', type=float, default=3.0)
    ap.add_argument('--activation', choices=['huber', 'relu', 'relu-pow'], default='huber')
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    X = np.load(a.data).astype(np.float64)
    y = np.load(a.labels).astype(np.float64)
    W0 = np.load(a.init).astype(np.float64)
    W, losses = losses_and_train(X, y, W0, a.iters, a.lr, activation(a.activation, a.kappa, a.q))
    os.makedirs(a.out, exist_ok=True)
    np.save(os.path.join(a.out, 'W.npy'), W)
    with open(os.path.join(a.out, 'result.json'), 'w') as f:
        json.dump({'losses': losses, 'filterStableRank': stable_rank(W), 'peer': os.path.join(PEER, 'peer_numpy.py')}, f)


if __name__ == '__main__':
    main()
