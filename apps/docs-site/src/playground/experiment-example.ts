/** The experiment file shown in the playground's file tab: the repository's E/I example. */
import example from '../../../../examples/ei-network.yaml?raw';

export const FILE_SUPPORTED = true;
export const EXAMPLE_EXPERIMENT: string = example;
