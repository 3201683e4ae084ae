import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError, ExecutionRevertedError } from "viem";

/**
 * A contract read that may revert, like graph-ts' `try_` calls: undefined when the call reverted (or the address has no
 * code). Any other error (the RPC endpoint is down, ...) is thrown: the block must then be indexed again, not indexed
 * without the value.
 */
export async function tryRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isRevert(error)) return undefined;
    throw error;
  }
}

function isRevert(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  return (
    error.walk(
      (cause) =>
        cause instanceof ContractFunctionRevertedError ||
        cause instanceof ContractFunctionZeroDataError ||
        cause instanceof ExecutionRevertedError,
    ) !== null
  );
}
