/**
 * The post-mortem drafter: timeline assembly, a deterministic grounded draft, and an optional LLM
 * narrative whose every claim is checked against the timeline.
 */
package dev.incidents.drafter;
