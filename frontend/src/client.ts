// One urql client: queries over GET with automatic persisted queries (a hash first, the text on a miss),
// so the browser and any HTTP cache in front of the API can reuse answers.
import { Client, cacheExchange, fetchExchange } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";

export const client = new Client({
  url: "/graphql",
  preferGetMethod: "within-url-limit",
  exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: "within-url-limit" }), fetchExchange],
});
