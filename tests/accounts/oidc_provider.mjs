// A real OpenID Connect provider for the single sign-on tests (npm's oidc-provider), standing in
// for Microsoft Entra ID. Configured by the environment the tests start it with:
//   OIDC_PORT           the port on 127.0.0.1 to listen on
//   OIDC_REDIRECT_URIS  the client's callback URLs, comma-separated
//   OIDC_USERS          {"<login>": {"email": ..., "email_verified": ..., "given_name": ...}}
// Its development sign-in page takes any login it knows (the password is not checked).
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT);
const users = JSON.parse(process.env.OIDC_USERS || "{}");

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "newroles",
      client_secret: "newroles-test-secret",
      redirect_uris: process.env.OIDC_REDIRECT_URIS.split(","),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(ctx, id) {
    if (!(id in users)) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...users[id] }; } };
  },
  claims: {
    openid: ["sub"],
    // xms_edov: Microsoft Entra ID's "email domain owner verified" optional claim.
    email: ["email", "email_verified", "xms_edov"],
    profile: ["given_name", "family_name", "name"],
  },
  pkce: { required: () => false },
});
provider.listen(port, "127.0.0.1", () => console.log("ready"));
