// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderAdmin} from "../interfaces/ITenderAdmin.sol";
import {ITenderSigned} from "../interfaces/ITenderSigned.sol";
import {Tender} from "../types/Tender.sol";
import {EscrowPosting} from "../base/EscrowPosting.sol";

/// @title TenderSigned
/// @notice The escrow's actions done on a signature instead of a prior transaction ({ITenderSigned}), on the escrow's
/// storage: a job posted and funded in one transaction through the buyer's ERC-2612 permit. It runs only by
/// `delegatecall` from a {TenderEscrow} (reached through its admin module's fallback), so the money it takes is the
/// escrow's, under the escrow's reentrancy lock; it holds nothing itself.
/// @dev Deployed on its own and named in the escrow's constructor, as the milestones module is: its code depends only
/// on the deployment's window bounds (no immutable of its own address), so anyone verifies a deployment by building it
/// again (the SDK's `verifyModules`).
contract TenderSigned is EscrowPosting, ITenderSigned, ReentrancyGuardTransient {
    uint32 private immutable _minWindow;
    uint32 private immutable _maxWindow;

    /// @dev Only through an escrow's `delegatecall`: an escrow always has a treasury, the module's own storage never
    /// has one (see {TenderMilestones}).
    modifier delegated() {
        if (_config.treasury == address(0)) revert ITenderAdmin.NotDelegated();
        _;
    }

    /// @param minWindow The escrow's shortest window, in seconds.
    /// @param maxWindow The escrow's longest window, in seconds.
    constructor(uint32 minWindow, uint32 maxWindow) {
        _minWindow = minWindow;
        _maxWindow = maxWindow;
    }

    /// @notice The deployment settings this module was built for; an escrow refuses a module whose settings are not
    /// its own.
    function settings() external view returns (uint32 minWindow, uint32 maxWindow) {
        return (_minWindow, _maxWindow);
    }

    function _windowBounds() internal view override returns (uint256, uint256) {
        return (_minWindow, _maxWindow);
    }

    /*//////////////////////////////////////////////////////////////
                           POSTING WITH A PERMIT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITenderSigned
    function postDirectHireWithPermit(Tender.DirectHire calldata hire, Tender.Permit calldata permit)
        external
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the job starts Awarded (EscrowPosting).
        jobId = _postDirectHire(hire);

        // Interaction: the buyer's permit, then the price into escrow.
        _permit(hire.token, hire.price, permit);
        _collect({token: hire.token, from: msg.sender, amount: hire.price});
    }

    /// @inheritdoc ITenderSigned
    function postRFQWithPermit(Tender.RFQ calldata rfq, Tender.Permit calldata permit)
        external
        override
        delegated
        nonReentrant
        returns (uint256 jobId)
    {
        // Check, effect: the RFQ opens for bids (EscrowPosting).
        jobId = _postRFQ(rfq);

        // Interaction: the buyer's permit, then the maximum price into escrow.
        _permit(rfq.token, rfq.maxPrice, permit);
        _collect({token: rfq.token, from: msg.sender, amount: rfq.maxPrice});
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Submits the caller's permit for `needed` of a listed `token` (the posting checked the listing). A permit
    /// that fails is no failure if the allowance is there anyway (someone submitted the same permit to the token
    /// first, or the caller approved before): only a short allowance refuses the call, by name. The allowance is read
    /// after a permit that went through too: a token whose fallback answers any call would "accept" it and grant none.
    function _permit(address token, uint256 needed, Tender.Permit calldata p) private {
        if (token == ETH) revert PermitForEth();
        try IERC20Permit(token).permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {}
        uint256 allowance = IERC20(token).allowance(msg.sender, address(this));
        if (allowance < needed) revert PermitAllowanceShort(token, msg.sender, allowance, needed);
    }
}
