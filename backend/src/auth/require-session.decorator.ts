import { SetMetadata } from "@nestjs/common";

export const REQUIRE_SESSION = "commons:requireSession";

/**
 * Lets only a signed-in session through {@link AuthenticatedGuard}, not an API key (403 SESSION_REQUIRED): for
 * managing the account itself, so that a leaked key cannot mint or revoke keys.
 */
export const RequireSession = () => SetMetadata(REQUIRE_SESSION, true);
