import { Transform } from "class-transformer";
import { IsString, Length, Matches } from "class-validator";

/** POST /auth/api-keys: what the key is for, to recognise it in the list later. */
export class CreateApiKeyDto {
  @Transform(({ value }) => (typeof value === "string" ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\p{Cc}]*$/u, { message: "name must not contain control characters" })
  name!: string;
}
