// Shorthands for the code-first GraphQL types of the chat, conversation and receipt fields.
import { GraphQLList, GraphQLNonNull, type GraphQLNullableType } from "graphql";

/** `T!` */
export const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);

/** `[T!]!` */
export const list = <T extends GraphQLNullableType>(type: T) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));
