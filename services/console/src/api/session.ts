import { graphql } from '../gql'

graphql(`
  fragment SessionAccount on Account {
    id
    username
    displayName
    role
    scope {
      __typename
      name
      level
      ... on Node { id }
    }
  }
`)

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      account { ...SessionAccount }
      errors { code field message }
    }
  }
`)

export const LogoutMutation = graphql(`
  mutation Logout {
    logout { ok errors { code field message } }
  }
`)

/** Every staff page asks for `me`: a null `me` while we hold a token means the session ended. */
export const MeQuery = graphql(`
  query Me {
    me { ...SessionAccount }
  }
`)

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: AccountChangePasswordInput!) {
    accountChangePassword(input: $input) {
      account { id }
      errors { code field message }
    }
  }
`)
