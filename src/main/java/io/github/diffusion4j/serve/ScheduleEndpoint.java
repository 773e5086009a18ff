package io.github.diffusion4j.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.schedule.NoiseSchedule;

/**
 * {@code GET /v1/schedule?t=T}: the schedule's coefficients at t, as JSON: {@code schedule} (its name),
 * {@code t_min}, {@code t_max}, {@code t}, {@code alpha}, {@code sigma}, {@code log_snr} λ = log(α²/σ²),
 * {@code alpha_dot}, {@code sigma_dot}, {@code drift} f = d log α/dt and {@code diffusion_squared} g²; non-finite
 * values (λ(0) = +∞ on VP, σ̇(0) there) as null.
 */
final class ScheduleEndpoint implements Endpoint {

    private final NoiseSchedule schedule;

    /** @param schedule the forward process */
    ScheduleEndpoint(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Reply handle(Request request) {
        request.allowOnly(List.of("t"));
        double t = request.requireDouble("t");
        schedule.checkTime(t);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("schedule", schedule.name());
        answer.put("t_min", schedule.tMin());
        answer.put("t_max", schedule.tMax());
        answer.put("t", t);
        answer.put("alpha", Json.number(schedule.alpha(t)));
        answer.put("sigma", Json.number(schedule.sigma(t)));
        answer.put("log_snr", Json.number(schedule.logSnr(t)));
        answer.put("alpha_dot", Json.number(schedule.alphaDot(t)));
        answer.put("sigma_dot", Json.number(schedule.sigmaDot(t)));
        answer.put("drift", Json.number(schedule.drift(t)));
        answer.put("diffusion_squared", Json.number(schedule.diffusionSquared(t)));
        return Reply.json(answer);
    }
}
