package io.github.diffusion4j.serve;

import java.io.IOException;

/**
 * One endpoint's computation: a request in, a complete reply out. Bad input is thrown as an
 * {@link IllegalArgumentException} or {@link HttpFailure} with a message naming the value; {@link Route} turns it
 * into the error response.
 */
@FunctionalInterface
interface Endpoint {

    /**
     * @param request the request, its method and path already checked
     * @return the reply
     * @throws IOException if reading the body fails
     */
    Reply handle(Request request) throws IOException;
}
