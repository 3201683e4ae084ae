import {
  GraphQLBoolean,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
} from "graphql";
import type { ReceiptVerifier } from "./receipt-verifier.js";

const text = new GraphQLNonNull(GraphQLString);

const ReceiptCheck = new GraphQLObjectType({
  name: "ReceiptCheck",
  fields: { name: { type: text }, status: { type: text }, detail: { type: text } },
});

const ReceiptVerification = new GraphQLObjectType({
  name: "ReceiptVerification",
  description: "Whether a receipt holds against the chain, check by check, with the problems in plain words.",
  fields: {
    valid: { type: new GraphQLNonNull(GraphQLBoolean) },
    problems: { type: new GraphQLNonNull(new GraphQLList(text)) },
    signer: { type: GraphQLString },
    modelId: { type: GraphQLString },
    modelVersion: { type: GraphQLString },
    weightsHash: { type: GraphQLString },
    policyVersion: { type: GraphQLString },
    issuedAt: { type: GraphQLFloat, description: "Unix seconds (Float: a crafted receipt may hold any number)." },
    checks: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(ReceiptCheck))) },
  },
});

/** `verifyReceipt(receipt: String!)`: the receipt's JSON, checked against the registries' history on chain. */
export function receiptSchemaExtensions(verifier: ReceiptVerifier): { query: GraphQLFieldConfigMap<unknown, unknown> } {
  return {
    query: {
      verifyReceipt: {
        type: new GraphQLNonNull(ReceiptVerification),
        description: "Verifies an inference receipt (the `json` of an answer's receipt) against the chain.",
        args: { receipt: { type: text } },
        resolve: (_root, args: { receipt: string }) => verifier.verify(args.receipt),
      },
    },
  };
}
