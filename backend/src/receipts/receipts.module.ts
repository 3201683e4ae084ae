import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { IndexerModule } from "../indexer/indexer.module.js";
import { ReceiptSigner } from "./receipt-signer.js";
import { ReceiptVerifier } from "./receipt-verifier.js";
import { loadReceiptsConfig, RECEIPTS_CONFIG } from "./receipts-config.js";

/** Signs a receipt for every answer (ReceiptSigner) and verifies receipts against the chain (ReceiptVerifier). */
@Module({
  imports: [ChainModule, IndexerModule],
  providers: [
    {
      provide: RECEIPTS_CONFIG,
      useFactory: (app: AppConfig) => loadReceiptsConfig(app.dataDir),
      inject: [APP_CONFIG],
    },
    ReceiptSigner,
    ReceiptVerifier,
  ],
  exports: [ReceiptSigner, ReceiptVerifier],
})
export class ReceiptsModule {}
