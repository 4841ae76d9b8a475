import type { ThemeConfig } from "antd";

/** The admin pages' theme. Shared by the layout and the static CSS export so hashes match. */
export const adminTheme: ThemeConfig = {
  token: {
    colorPrimary: "#1f5fa8",
    borderRadius: 4,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  },
};
