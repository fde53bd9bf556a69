package dev.ecslabs.emulator.ecr.registry;

import dev.ecslabs.emulator.ecr.Repositories;
import dev.ecslabs.emulator.ecr.RepositoryState;
import dev.ecslabs.emulator.state.AccountRegion;
import io.javalin.http.Context;
import java.util.function.Function;

/** One authenticated registry request: the HTTP exchange, the caller's account-region and the repository it names. */
record RegistryRequest(Context ctx, AccountRegion state, String name) {

    /** Runs {@code work} on the named repository under the account-region's lock; NAME_UNKNOWN if there is none. */
    <T> T withRepository(Function<RepositoryState, T> work) {
        return state.locked(() -> {
            RepositoryState repository = Repositories.of(state).find(name).orElseThrow(() -> new RegistryError(404,
                    "NAME_UNKNOWN", "The repository with name '" + name + "' does not exist in the registry with id '"
                    + state.accountId() + "'. Create it first (ecr:CreateRepository): ECR does not create repositories on push."));
            return work.apply(repository);
        });
    }

    String path(String rest) {
        return "/v2/" + name + "/" + rest;
    }
}
