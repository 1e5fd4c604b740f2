/** The dismissible banner listing every failed call, with the back end's message as written. */
import { useErrors } from '../common/error-context';
import { AlertIcon, CloseIcon } from '../common/icons';

/** Renders one alert per error; each can be dismissed. */
export function ErrorBanner() {
  const { errors, dismiss } = useErrors();
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" data-testid="error-banner" role="alert">
      {errors.map((e) => (
        <div className="error-banner-item" key={e.id}>
          <AlertIcon className="error-banner-icon" />
          <div className="error-banner-text">
            <strong>{e.context} failed.</strong> <span className="error-message">{e.message}</span>
          </div>
          <button type="button" className="icon-button" onClick={() => dismiss(e.id)} aria-label="Dismiss" title="Dismiss">
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
