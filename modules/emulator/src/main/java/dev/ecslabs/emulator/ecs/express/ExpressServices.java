package dev.ecslabs.emulator.ecs.express;

import dev.ecslabs.emulator.state.AccountRegion;
import dev.ecslabs.emulator.state.KeyedArea;

/** The Express Mode services of one account and region, by service ARN; saved and journaled service by service. */
public final class ExpressServices extends KeyedArea<ExpressService> {

    private ExpressServices(AccountRegion region) {
        super(region, ExpressService.class);
    }

    public static ExpressServices of(AccountRegion region) {
        return region.area(ExpressServices.class, ExpressServices::new);
    }
}
