/**
 * A chart or overlay that did not render, as the CLI reports it: the `render-failed` input
 * diagnostic at the file and line to fix. The render layer sits below the engine that holds the
 * diagnostics' messages and severities, so it says only where and which message.
 */
export interface RenderFailure {
  /** As the user would type it from the working directory: a template, Chart.yaml, a kustomization. */
  file: string;
  line: number;
  column: number;
  messageId: RenderFailureId;
  data: Readonly<Record<string, string | number>>;
  /** The environment the chart was rendered for, whose profile sets the finding's severity. */
  environment?: string;
}

export type RenderFailureId = 'template' | 'missingDependency' | 'helm' | 'missingFile' | 'remoteResource' | 'kustomize' | 'timeout' | 'tooLarge' | 'notManifests';
