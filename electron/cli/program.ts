/** The executable's name, as shown in help and error messages. */
export const PROGRAM = 'lstm-studio';
