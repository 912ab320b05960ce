// bottleneck's light build (the one octokit's plugins use) has the same API as its main entry,
// which is the only one that ships types.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
