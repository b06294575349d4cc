package serve

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// openAPI builds the OpenAPI 3 document from the route table; schemas are derived from the Go
// types the handlers answer with, so the document follows the code.
func (s *Server) openAPI() map[string]any {
	sg := &schemaGen{defs: map[string]any{}}
	paths := map[string]any{}
	for _, rt := range s.routes {
		op := map[string]any{
			"operationId": rt.id,
			"summary":     rt.summary,
		}
		if rt.desc != "" {
			op["description"] = rt.desc
		}
		var params []any
		for _, p := range rt.params {
			sch := map[string]any{"type": p.typ}
			if p.typ == "date" {
				sch = map[string]any{"type": "string", "format": "date"}
			}
			if len(p.enum) > 0 {
				sch["enum"] = p.enum
			}
			params = append(params, map[string]any{"name": p.name, "in": p.in, "required": p.required || p.in == "path",
				"description": p.desc, "schema": sch})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.body != nil {
			op["requestBody"] = map[string]any{
				"required": true,
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
					"oneOf": []any{map[string]any{"$ref": "#/components/schemas/ArticleInput"},
						map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/ArticleInput"}}},
				}}},
			}
			op["security"] = []any{map[string]any{"bearer": []string{}}}
		}
		ok := rt.status
		if ok == 0 {
			ok = http.StatusOK
		}
		resps := map[string]any{
			strconv.Itoa(ok): map[string]any{"description": http.StatusText(ok),
				"content": map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(rt.resp))}}},
		}
		if rt.write && ok != http.StatusOK {
			resps["200"] = map[string]any{"description": "every article was already stored",
				"content": map[string]any{"application/json": map[string]any{"schema": sg.schema(reflect.TypeOf(rt.resp))}}}
		}
		for _, code := range rt.errors {
			resps[strconv.Itoa(code)] = map[string]any{"description": http.StatusText(code),
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		}
		op["responses"] = resps
		p := "/api/v1" + rt.path
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(rt.method)] = op
	}
	paths["/api/v1/openapi.json"] = map[string]any{"get": map[string]any{
		"operationId": "openapi", "summary": "This document",
		"responses": map[string]any{"200": map[string]any{"description": "OK",
			"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}}},
	}}
	sg.defs["Error"] = sg.schema(reflect.TypeOf(errorBody{}))
	sg.defs["ArticleInput"] = map[string]any{
		"type":        "object",
		"description": "An article as the JSON reader takes it; key names are matched without regard to case and other keys are kept in extra.",
		"properties": map[string]any{
			"title":     map[string]any{"type": "string", "description": "or headline"},
			"text":      map[string]any{"type": "string", "description": "the body; or body, content, maintext, articleBody (HTML is reduced to text)"},
			"date":      map[string]any{"type": "string", "description": "publication date; or published, publish_date, pubDate, ..."},
			"language":  map[string]any{"type": "string", "description": "ISO 639-1 code; or lang, meta_lang; identified from the text when absent"},
			"url":       map[string]any{"type": "string", "description": "or link"},
			"source":    map[string]any{"type": "string", "description": "the outlet; or outlet, site_name, publisher"},
			"dateline":  map[string]any{"type": "string"},
			"publisher": map[string]any{"type": "string"},
		},
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "Storyline API",
			"version":     "1",
			"description": "Multilingual news analysis: articles, their entities and events, stories across languages, timelines, similarity and search. Text offsets are character (code point) offsets.",
			"license":     map[string]any{"name": "GPL-3.0-or-later"},
		},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas":         sg.defs,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

// schemaGen derives JSON schemas from Go types, by their JSON encoding.
type schemaGen struct {
	defs map[string]any
}

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch {
	case t == nil:
		return map[string]any{}
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schema(t.Elem())
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := schemaName(t)
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = map[string]any{} // placeholder against recursion
			props := map[string]any{}
			var required []string
			g.fields(t, props, &required)
			def := map[string]any{"type": "object", "properties": props}
			if len(required) > 0 {
				def["required"] = required
			}
			g.defs[name] = def
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// fields adds the JSON fields of struct t (embedded structs inlined) to props.
func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, props, required)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

// schemaName names a struct type by package and type: store.SearchHit → StoreSearchHit.
func schemaName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndexByte(pkg, '/'); i >= 0 {
		pkg = pkg[i+1:]
	}
	name := t.Name()
	if name == "" {
		return "Anonymous"
	}
	if pkg == "serve" {
		return strings.ToUpper(name[:1]) + name[1:]
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + name
}
