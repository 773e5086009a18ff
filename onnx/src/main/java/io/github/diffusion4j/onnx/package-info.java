/**
 * Optional adapter for networks exported to ONNX: {@link io.github.diffusion4j.onnx.OnnxPredictionModel} evaluates
 * an ONNX model with ONNX Runtime as a {@link io.github.diffusion4j.score.PredictionModel}. A separate artifact
 * ({@code diffusion4j-onnx}) so that the library itself does not depend on ONNX Runtime's native code.
 */
package io.github.diffusion4j.onnx;
