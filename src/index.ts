// Action entry point: runs the action. Nothing else lives here.
import { run } from './main.js';

void run();
