export declare function isCrossSiteWrite(req: { method?: string; path?: string; origin?: string; host?: string; forwardedHost?: string }): boolean;
