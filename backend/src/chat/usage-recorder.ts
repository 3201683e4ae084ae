import { Inject, Injectable } from "@nestjs/common";
import { DATABASE, type Database } from "../database/database.js";

/** What one answered request used: counts only, never content. */
export interface UsageRecord {
  member: string;
  promptTokens: number;
  completionTokens: number;
  /** Redacted values per category (prompt and answer). */
  redactions: Record<string, number>;
}

/**
 * Usage as counts per member and UTC day: requests, tokens, redactions per category. This is all the backend keeps
 * about a chat unless the policy sets a retention above zero.
 */
@Injectable()
export class UsageRecorder {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async record(usage: UsageRecord): Promise<void> {
    await this.db.query(
      `insert into usage_daily (member, day, requests, prompt_tokens, completion_tokens, redactions)
       values ($1, (now() at time zone 'utc')::date, 1, $2, $3, $4::jsonb)
       on conflict (member, day) do update set
         requests = usage_daily.requests + 1,
         prompt_tokens = usage_daily.prompt_tokens + excluded.prompt_tokens,
         completion_tokens = usage_daily.completion_tokens + excluded.completion_tokens,
         redactions = (
           select coalesce(jsonb_object_agg(k, coalesce((usage_daily.redactions->>k)::int, 0)
             + coalesce((excluded.redactions->>k)::int, 0)), '{}'::jsonb)
           from jsonb_object_keys(usage_daily.redactions || excluded.redactions) as k
         )`,
      [usage.member.toLowerCase(), usage.promptTokens, usage.completionTokens, JSON.stringify(usage.redactions)],
    );
  }

  /** A member's usage per day, newest first. */
  async forMember(member: string, days = 30): Promise<UsageDay[]> {
    const rows = await this.db.query<{
      day: string | Date;
      requests: number;
      prompt_tokens: string;
      completion_tokens: string;
      redactions: Record<string, number>;
    }>(
      `select day, requests, prompt_tokens, completion_tokens, redactions from usage_daily
       where member = $1 order by day desc limit $2`,
      [member.toLowerCase(), days],
    );
    return rows.map((row) => ({
      day: row.day instanceof Date ? row.day.toISOString().slice(0, 10) : String(row.day).slice(0, 10),
      requests: Number(row.requests),
      promptTokens: Number(row.prompt_tokens),
      completionTokens: Number(row.completion_tokens),
      redactions: row.redactions,
    }));
  }
}

export interface UsageDay {
  day: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  redactions: Record<string, number>;
}
