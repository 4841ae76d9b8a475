/**
 * Domain failures of the recognition index. Each carries a stable `code` (for mapping to an HTTP status or a
 * form-field error in one place) and a Chinese `message` that can be shown to a county admin as is.
 *
 * Codes:
 * - WEIGHTS_NOT_SUM_TO_ONE   群体权重之和不为 1（容差 ±1e-9）
 * - WEIGHT_INVALID           某个群体权重为负数或不是有限数
 * - WEIGHTS_UNAVAILABLE      分群体加权法既未配置权重，也没有抽样方案可推出默认权重
 * - GROUP_MISSING            权重 > 0 的群体没有可用答卷，且 missingGroup = "error"
 * - NO_OVERALL_ITEM          按人计（总体评价）法，但题目清单中没有“总体评价”题
 * - DUPLICATE_ITEM           题目清单中题目名称重复
 * - SCORE_OUT_OF_RANGE       分值法中某个分值不在 1..满分 之间
 * - INVALID_K                按人计（至少 k 题）法的 k 不是正整数
 * - SUPPRESSION_THRESHOLD_TOO_LOW  小样本屏蔽阈值低于 3
 * - SUPPRESSION_THRESHOLD_INVALID  小样本屏蔽阈值不是整数
 */
export type RecognitionErrorCode =
  | "WEIGHTS_NOT_SUM_TO_ONE"
  | "WEIGHT_INVALID"
  | "WEIGHTS_UNAVAILABLE"
  | "GROUP_MISSING"
  | "NO_OVERALL_ITEM"
  | "DUPLICATE_ITEM"
  | "SCORE_OUT_OF_RANGE"
  | "INVALID_K"
  | "SUPPRESSION_THRESHOLD_TOO_LOW"
  | "SUPPRESSION_THRESHOLD_INVALID";

export class RecognitionError extends Error {
  readonly code: RecognitionErrorCode;

  /** Builds a domain error; `message` is Chinese and user-facing (no numbers are rounded by this class). */
  constructor(code: RecognitionErrorCode, message: string) {
    super(message);
    this.name = "RecognitionError";
    this.code = code;
  }
}

/** Type guard for RecognitionError (no units, no rounding). */
export function isRecognitionError(error: unknown): error is RecognitionError {
  return error instanceof RecognitionError;
}
