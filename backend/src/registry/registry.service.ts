import { Inject, Injectable } from "@nestjs/common";
import { DATABASE, type Database } from "../database/database.js";
import type { EntityData } from "../indexer/entity-store.js";

/** An approved or deprecated model version, as the registry on chain has it (indexed). */
export interface ServableModelVersion {
  /** versionKey = keccak256(abi.encode(modelId, version)). */
  id: string;
  modelId: string;
  version: string;
  /** The manifest hash the files must verify against. */
  weightsHash: string;
  status: "Approved" | "Deprecated";
  isDefault: boolean;
}

/**
 * What the registries on chain currently allow, read from the indexed entities: the model versions the backend may
 * serve and the active usage policy. The chat side (model loading, policy enforcement) asks here.
 */
@Injectable()
export class RegistryService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Versions the registry marks Approved or Deprecated, by model id then version. */
  async servableModelVersions(): Promise<ServableModelVersion[]> {
    const rows = await this.db.query<{ data: EntityData }>(
      `select data from entity where type = 'ModelVersion' and (data->>'servable')::boolean
       order by data->>'modelId', data->>'version'`,
    );
    return rows.map(({ data }) => ({
      id: data.id,
      modelId: String(data.modelId),
      version: String(data.version),
      weightsHash: String(data.weightsHash),
      status: data.status === "Deprecated" ? "Deprecated" : "Approved",
      isDefault: data.isDefault === true,
    }));
  }

  /** The active UsagePolicy entity, or undefined before the registry's genesis policy is indexed. */
  async activePolicy(): Promise<EntityData | undefined> {
    const [row] = await this.db.query<{ data: EntityData }>(
      "select data from entity where type = 'UsagePolicy' and (data->>'isActive')::boolean limit 1",
    );
    return row?.data;
  }
}
