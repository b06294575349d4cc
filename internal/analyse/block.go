package analyse

// Block returns the resolution block of an entity: Resolve only merges people of the same block
// (or of the same people-gazetteer entry, whose key is already global), so a store can re-resolve
// just the blocks a batch touched. It is "" for entities whose key is global already: places and
// organisations of the gazetteer.
func Block(e Entity) string {
	if e.Type != TypePerson {
		return ""
	}
	r := &resolver{}
	return r.features(0, &EntityRef{Entity: e}).block
}
