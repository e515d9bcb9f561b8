'use client'

import { type ReactNode, useEffect } from 'react'

import {
  ATTRIBUTE_TEXTS,
  norwegianAttribute,
  norwegianText,
  searchPlaceholder,
  TOOLBAR_LABELS,
} from '../admin/norwegian'

const ATTRIBUTES = ['aria-label', 'title', 'placeholder'] as const

/** Norwegian in place of the English attribute values of one element, and tooltips on toolbar buttons. */
const translateElement = (el: Element) => {
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(name)
    if (!value) continue
    const nb =
      name !== 'title' && el.classList.contains('search-filter__input')
        ? searchPlaceholder(value)
        : norwegianAttribute(value)
    if (nb && nb !== value) el.setAttribute(name, nb)
  }
  // The editor's toolbar buttons are icons only: give each its name, as a tooltip too.
  const key = el.getAttribute('data-button-key')
  if (key && el.classList.contains('toolbar-popup__button') && TOOLBAR_LABELS[key]) {
    if (el.getAttribute('title') !== TOOLBAR_LABELS[key]) el.setAttribute('title', TOOLBAR_LABELS[key])
    if (!el.getAttribute('aria-label')) el.setAttribute('aria-label', TOOLBAR_LABELS[key])
  }
  // The toolbar's dropdowns get a tooltip with the name their aria-label now has.
  if (el.classList.contains('toolbar-popup__dropdown')) {
    const label = el.getAttribute('aria-label')
    if (label && !Object.hasOwn(ATTRIBUTE_TEXTS, label) && el.getAttribute('title') !== label)
      el.setAttribute('title', label)
  }
}

const translateTextNode = (node: Node) => {
  const parent = node.parentElement
  if (!parent || !node.nodeValue) return
  const nb = norwegianText(node.nodeValue, (selector) => parent.closest(selector) !== null)
  if (nb !== null && nb !== node.nodeValue) node.nodeValue = nb
}

const translateTree = (root: Node) => {
  if (root.nodeType === Node.TEXT_NODE) return translateTextNode(root)
  if (root.nodeType !== Node.ELEMENT_NODE) return
  translateElement(root as Element)
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) translateTextNode(node)
    else translateElement(node as Element)
  }
}

/**
 * Puts Norwegian in place of the English that Payload and its rich-text editor write without
 * going through i18n (see admin/norwegian.ts), as the admin renders: a provider around the
 * whole admin. Everything Payload translates itself comes from its i18n, as configured.
 */
export const AdminLanguage = ({ children }: { children: ReactNode }) => {
  useEffect(() => {
    translateTree(document.body)
    // What the server rendered is in Norwegian from here on: a mark for whoever waits for it.
    document.documentElement.dataset.adminLanguage = 'nb'
    const observer = new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'childList') m.addedNodes.forEach(translateTree)
        else if (m.type === 'characterData') translateTextNode(m.target)
        else if (m.type === 'attributes') translateElement(m.target as Element)
      }
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: [...ATTRIBUTES],
    })
    return () => {
      observer.disconnect()
      delete document.documentElement.dataset.adminLanguage
    }
  }, [])
  return children
}
