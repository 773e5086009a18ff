package io.github.diffusion4j.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.github.diffusion4j.schedule.Schedules;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The {@code ArgumentsProvider} of {@link RandomMarginalCases}. */
public final class RandomMarginalCasesProvider extends AnnotationBasedArgumentsProvider<RandomMarginalCases> {

    /** Created by JUnit. */
    public RandomMarginalCasesProvider() {
    }

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context,
                                                           RandomMarginalCases a) {
        MixtureGenerator generator = new MixtureGenerator(a.maxDim(), a.maxComponents(), a.kinds(),
                a.maxSeparation(), a.maxCondition(), a.maxSkew());
        List<String> schedules = a.schedules().length == 0 ? Schedules.NAMES : List.of(a.schedules());
        return Arrays.stream(CaseSeeds.seeds(a.seed(), a.count()))
                .mapToObj(seed -> Arguments.of(MarginalCase.draw(generator, schedules, seed)));
    }
}
