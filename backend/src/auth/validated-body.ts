import { type Type, ValidationPipe } from "@nestjs/common";
import { AuthError } from "./auth-error.js";

/**
 * A pipe that validates a body against `dto`'s class-validator decorators and refuses unknown fields, answering
 * 400 BAD_REQUEST with every problem. The DTO is named here rather than read from decorator metadata, which `tsx`
 * does not emit: `@Body(validatedBody(VerifySignInDto))`.
 */
export function validatedBody<T>(dto: Type<T>): ValidationPipe {
  return new ValidationPipe({
    expectedType: dto,
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new AuthError(
        "BAD_REQUEST",
        errors
          .flatMap((error) => Object.values(error.constraints ?? { [error.property]: `${error.property} is invalid` }))
          .join("; "),
      ),
  });
}
