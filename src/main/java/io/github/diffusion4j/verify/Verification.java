package io.github.diffusion4j.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.diffusion4j.verify.claims.Catalogue;

/** Runs claims: the built-in catalogue plus the context's extra claims, or a selection by id. */
public final class Verification {

    private Verification() {
    }

    /**
     * @param context the context (its extra claims are appended to the catalogue)
     * @return the built-in catalogue followed by the context's extra claims
     */
    public static List<Claim> claims(VerificationContext context) {
        List<Claim> all = new ArrayList<>(Catalogue.claims());
        all.addAll(context.extraClaims());
        return all;
    }

    /**
     * @param claims claims
     * @param ids    ids to keep; empty keeps all
     * @return the selected claims, in catalogue order
     * @throws IllegalArgumentException naming any id that matches no claim
     */
    public static List<Claim> select(List<Claim> claims, Collection<String> ids) {
        if (ids.isEmpty()) {
            return claims;
        }
        Map<String, Claim> byId = new LinkedHashMap<>();
        for (Claim c : claims) {
            byId.put(c.id(), c);
        }
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new IllegalArgumentException("unknown claim '" + id + "'; known: " + byId.keySet());
            }
        }
        return claims.stream().filter(c -> ids.contains(c.id())).toList();
    }

    /**
     * @param context  the context
     * @param claims   the claims to run
     * @param listener progress
     * @return one result per claim, in order
     */
    public static List<ClaimResult> run(VerificationContext context, List<Claim> claims, ProgressListener listener) {
        List<ClaimResult> results = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            listener.claimStarted(claim, i, claims.size());
            ClaimResult result = claim.check(context);
            results.add(result);
            listener.claimFinished(result);
        }
        return results;
    }
}
