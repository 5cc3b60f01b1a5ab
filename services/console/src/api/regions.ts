import { graphql } from '../gql'

/** The whole tree (10 districts, their subdistricts, the communities); pruned to one's scope in the console. */
export const RegionTreeQuery = graphql(`
  query RegionTree {
    me { id scope { ... on Node { id } } }
    city {
      id
      name
      districts {
        id
        name
        subdistricts {
          id
          name
          communities { id name }
        }
      }
    }
  }
`)
