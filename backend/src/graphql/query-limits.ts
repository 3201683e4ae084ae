import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface QueryCost {
  /** Deepest nesting of fields. */
  depth: number;
  /** Entities the query may return: each field counts 1, a list field with `first` counts `first` times its selection. */
  complexity: number;
  /** The largest `first` asked for. */
  largestPage: number;
}

/** Page size of a list field when `first` is not given (the schema's default). */
const DEFAULT_FIRST = 100;

/**
 * The depth and worst-case size of an operation, computed before it runs, from the schema (which fields take
 * `first`) and the variables.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getMutationType();
  if (!root) return { depth: 0, complexity: 0, largestPage: 0 };

  const walk = (selectionSet: SelectionSetNode, type: GraphQLObjectType, seen: Set<string>): QueryCost => {
    let depth = 0;
    let complexity = 0;
    let largestPage = 0;
    for (const selection of selectionSet.selections) {
      let cost: QueryCost = { depth: 0, complexity: 0, largestPage: 0 };
      if (selection.kind === Kind.FIELD) {
        const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[selection.name.value];
        if (!field) continue; // Validation reports unknown fields.
        const named = getNamedType(field.type);
        const inner =
          selection.selectionSet && isObjectType(named)
            ? walk(selection.selectionSet, named, seen)
            : { depth: 0, complexity: 0, largestPage: 0 };
        const takesFirst = field.args.some((a) => a.name === "first");
        const firstNode = selection.arguments?.find((a) => a.name.value === "first")?.value;
        const first = takesFirst ? (firstValue(firstNode, variables) ?? DEFAULT_FIRST) : 1;
        cost = {
          depth: inner.depth + 1,
          complexity: 1 + Math.max(1, first) * inner.complexity,
          largestPage: Math.max(first, inner.largestPage),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (isObjectType(on)) cost = walk(selection.selectionSet, on, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // Validation reports cycles and unknown fragments.
        const on = schema.getType(fragment.typeCondition.name.value);
        if (isObjectType(on)) cost = walk(fragment.selectionSet, on, new Set([...seen, name]));
      }
      depth = Math.max(depth, cost.depth);
      complexity += cost.complexity;
      largestPage = Math.max(largestPage, cost.largestPage);
    }
    return { depth, complexity, largestPage };
  };
  return walk(operation.selectionSet, root, new Set());
}

function firstValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === "number" ? value : undefined;
  }
  return undefined;
}

/** Refuses operations deeper or larger than the configured limits, saying by how much. */
export function checkOperation(
  cost: QueryCost,
  limits: { maxDepth: number; maxComplexity: number; maxPageSize: number },
): void {
  if (cost.largestPage > limits.maxPageSize) {
    throw new GraphQLError(
      `first must be from 0 to ${limits.maxPageSize}; fetch more with several pages (after: the id of the last entity received)`,
      { extensions: { code: "PAGE_SIZE_TOO_LARGE", http: { status: 400 } } },
    );
  }
  if (cost.depth > limits.maxDepth) {
    throw new GraphQLError(
      `query depth ${cost.depth} exceeds the limit of ${limits.maxDepth}; select fewer nested levels, and fetch deeper data with a second query`,
      { extensions: { code: "QUERY_TOO_DEEP", http: { status: 400 } } },
    );
  }
  if (cost.complexity > limits.maxComplexity) {
    throw new GraphQLError(
      `query may return ${cost.complexity} entities, above the limit of ${limits.maxComplexity}; lower first on nested lists or page through them`,
      { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } },
    );
  }
}
