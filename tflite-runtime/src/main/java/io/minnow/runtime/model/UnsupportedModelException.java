package io.minnow.runtime.model;

/**
 * A well-formed model that uses something Minnow does not run: an operator, an operator version or a tensor
 * type. The message names the operator, its index in its subgraph, its version and its tensor types.
 */
public final class UnsupportedModelException extends InvalidModelException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }
}
