import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { emulatorClientConfig } from './client-config.js'
import { LocalStackError } from './errors.js'

export type SignInOptions = {
  endpoint: string
  clientId: string
  username: string
  password: string
}

export type SignInTokens = { idToken: string; accessToken: string }

const REJECTIONS = new Set([
  'NotAuthorizedException',
  'InvalidPasswordException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
])

/** Signs in with user name and password, the way a client app does; the pool signs the tokens. */
export async function signIn(opts: SignInOptions): Promise<SignInTokens> {
  const client = new CognitoIdentityProviderClient(emulatorClientConfig(opts.endpoint))

  try {
    const answer = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: opts.clientId,
        AuthParameters: { USERNAME: opts.username, PASSWORD: opts.password },
      }),
    )

    const idToken = answer.AuthenticationResult?.IdToken
    const accessToken = answer.AuthenticationResult?.AccessToken
    if (idToken === undefined || accessToken === undefined) {
      const challenge = answer.ChallengeName ?? 'none'
      throw new LocalStackError('sign_in_incomplete', `challenge ${challenge}`)
    }
    return { idToken, accessToken }
  } catch (error) {
    if (error instanceof Error && REJECTIONS.has(error.name)) {
      throw new LocalStackError('sign_in_rejected', error.name, { cause: error })
    }
    throw error
  } finally {
    client.destroy()
  }
}
