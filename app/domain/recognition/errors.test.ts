import { describe, expect, it } from "vitest";
import { isRecognitionError, RecognitionError } from "./errors";

describe("RecognitionError", () => {
  it.each([
    ["WEIGHTS_NOT_SUM_TO_ONE", "群体权重之和必须为 1"],
    ["GROUP_MISSING", "缺少群体"],
  ] as const)("keeps code %s and the Chinese message", (code, message) => {
    const error = new RecognitionError(code, message);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.name).toBe("RecognitionError");
    expect(isRecognitionError(error)).toBe(true);
  });

  it("does not recognise other errors", () => {
    expect(isRecognitionError(new Error("x"))).toBe(false);
    expect(isRecognitionError({ code: "GROUP_MISSING" })).toBe(false);
  });
});
