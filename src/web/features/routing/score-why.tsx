import type { PriorityScore } from './routing-api.js';

const LABEL: Record<string, string> = {
  sla: 'SLA', regulatory: 'Regulatory deadline', priority: 'Priority', tier: 'Customer tier', channel: 'Channel', sentiment: 'Sentiment', intent: 'Intent', age: 'Age',
};

/** The score's breakdown: one line per component, points and the reason. */
export function ScoreBreakdown({ score }: { score: Pick<PriorityScore, 'score' | 'components'> }) {
  return (
    <table className="score-why">
      <tbody>
        {score.components.map((c) => (
          <tr key={c.key} className={c.points === 0 ? 'muted' : undefined}>
            <th scope="row">{LABEL[c.key] ?? c.key}</th>
            <td className="num">{c.points > 0 ? `+${c.points}` : c.points}</td>
            <td>{c.detail}</td>
          </tr>
        ))}
        <tr className="score-total">
          <th scope="row">Score</th>
          <td className="num">{score.score}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

/** The score with a "why" popover (a disclosure, so it works with keyboard and screen readers). */
export function ScoreWhy({ score }: { score: Pick<PriorityScore, 'score' | 'components'> }) {
  return (
    <details className="score-pop">
      <summary aria-label={`Priority score ${score.score}, show why`}>
        <span className="score-chip">{score.score}</span> <span className="muted small">why?</span>
      </summary>
      <div className="score-pop-body" role="group" aria-label="Why this score">
        <ScoreBreakdown score={score} />
      </div>
    </details>
  );
}
