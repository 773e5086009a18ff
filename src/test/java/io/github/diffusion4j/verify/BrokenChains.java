package io.github.diffusion4j.verify;

import io.github.diffusion4j.schedule.DiscreteChain;

/** Deliberately broken discrete DDPM chains, for showing that the verification catalogue catches them. */
public final class BrokenChains {

    private BrokenChains() {
    }

    /**
     * ᾱ indexed one step late, as in code that takes the cumulative product of (1 − β) without prepending ᾱ₀ = 1: the
     * chain reports ᾱ_{k+1} as ᾱ_k (ᾱ_K(1 − β_K) past the end) and derives its posterior coefficients from those
     * values; the β_k are right.
     *
     * @param chain the correct chain
     * @return the broken chain
     */
    public static DiscreteChain alphaBarOffByOne(DiscreteChain chain) {
        return new DiscreteChain() {
            @Override
            public int steps() {
                return chain.steps();
            }

            @Override
            public double beta(int k) {
                return chain.beta(k);
            }

            @Override
            public double alphaBar(int k) {
                return chain.alphaBar(k) * (1 - chain.beta(Math.min(k + 1, chain.steps())));
            }

            @Override
            public double oneMinusAlphaBar(int k) {
                return 1 - alphaBar(k);
            }

            @Override
            public double posteriorMeanCoefficientX0(int k) {
                return Math.sqrt(alphaBar(k - 1)) * beta(k) / oneMinusAlphaBar(k);
            }

            @Override
            public double posteriorMeanCoefficientXk(int k) {
                return Math.sqrt(1 - beta(k)) * oneMinusAlphaBar(k - 1) / oneMinusAlphaBar(k);
            }

            @Override
            public double posteriorVariance(int k) {
                return oneMinusAlphaBar(k - 1) * beta(k) / oneMinusAlphaBar(k);
            }
        };
    }
}
