-- CreateTable
CREATE TABLE "FinalReport" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "snapshotIds" TEXT NOT NULL,
    "surveyRoundId" TEXT,
    "policyVersionId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "finalizedByLogin" TEXT NOT NULL,
    "finalizedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "publishedByLogin" TEXT,

    CONSTRAINT "FinalReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FinalReport_countyId_finalizedAt_idx" ON "FinalReport"("countyId", "finalizedAt");

-- CreateIndex
CREATE INDEX "FinalReport_publishedAt_idx" ON "FinalReport"("publishedAt");

-- AddForeignKey
ALTER TABLE "FinalReport" ADD CONSTRAINT "FinalReport_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinalReport" ADD CONSTRAINT "FinalReport_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
