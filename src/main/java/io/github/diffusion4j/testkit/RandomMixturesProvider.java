package io.github.diffusion4j.testkit;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The {@code ArgumentsProvider} of {@link RandomMixtures}. */
public final class RandomMixturesProvider extends AnnotationBasedArgumentsProvider<RandomMixtures> {

    /** Created by JUnit. */
    public RandomMixturesProvider() {
    }

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context,
                                                           RandomMixtures annotation) {
        MixtureGenerator generator = generator(annotation);
        return Arrays.stream(generator.specs(annotation.seed(), annotation.count())).map(Arguments::of);
    }

    static MixtureGenerator generator(RandomMixtures a) {
        return new MixtureGenerator(a.maxDim(), a.maxComponents(), a.kinds(), a.maxSeparation(), a.maxCondition(),
                a.maxSkew());
    }
}
