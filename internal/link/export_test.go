package link

// EventFeatures exposes the features of the same-event model of two Docs, their names, the model
// that applies and what the rules add to its log-odds, to the tuning test of the external test
// package.
func EventFeatures(a, b Doc) (features []float64, names []string, model int, rules float64) {
	ca, cb := compact(&a), compact(&b)
	p := measure(&ca, &cb)
	f, m := p.eventFeatures()
	return f[:], eventFeatureNames[:], m, p.ruleLogit()
}
